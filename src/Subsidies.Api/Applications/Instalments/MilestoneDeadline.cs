using StudentBase.Http;
using Wolverine;
using Wolverine.Marten;

namespace Subsidies.Applications.Instalments;

/// <summary>Scheduled at approval for each instalment with a deadline (e.g. the 3-year window for a recognition).</summary>
public record MilestoneDeadline(Guid SubsidyApplicationId, int Instalment)
{
    /// <summary>An instalment whose milestone is still unverified when the deadline comes lapses, without anyone acting.</summary>
    public static Decision Decide(SubsidyApplication application, int number, DateTimeOffset now) =>
        application.State == ApplicationState.Approved
        && application.Instalments.Find(instalment => instalment.Number == number) is { State: InstalmentState.Pending, DueBy: { } dueBy } && now >= dueBy
            ? Decision.Of(new InstalmentLapsed(application.Id, number, now))
            : Decision.Nothing;
}

public static class MilestoneDeadlineHandler
{
    public static (Events, OutgoingMessages) Handle(MilestoneDeadline message, [WriteAggregate] SubsidyApplication application, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var events = new Events();
        events.AddRange(MilestoneDeadline.Decide(application, message.Instalment, now).Events);
        var early = new OutgoingMessages();
        if (events.Count == 0 && application.Instalments.Find(instalment => instalment.Number == message.Instalment) is
                { State: InstalmentState.Pending, DueBy: { } dueBy } && dueBy > now)
        {
            early.Schedule(message, dueBy);
        }

        return (events, early);
    }
}
