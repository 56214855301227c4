using StudentBase.Http;
using Wolverine;
using Wolverine.Marten;

namespace Internships.Internships.Deadlines;

/// <summary>Scheduled when an intention is recorded, for the moment the university's decision is due.</summary>
public record IntentionDecisionDue(Guid InternshipId)
{
    /// <summary>An intention still awaiting consent when its decision falls due lapses; anything else has moved on.</summary>
    public static Decision Decide(Internship internship, DateTimeOffset now) =>
        internship.State == InternshipState.AwaitingConsent && now >= internship.DecisionDue
            ? Decision.Of(new IntentionLapsed(internship.Id, now))
            : Decision.Nothing;
}

public static class IntentionDecisionDueHandler
{
    public static (Events, OutgoingMessages) Handle(IntentionDecisionDue message, [WriteAggregate] Internship internship, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var events = new Events();
        events.AddRange(IntentionDecisionDue.Decide(internship, now).Events);

        var early = new OutgoingMessages();
        if (events.Count == 0 && internship.State == InternshipState.AwaitingConsent)
        {
            early.Schedule(message, internship.DecisionDue);
        }

        return (events, early);
    }
}
