using Microsoft.Extensions.Options;
using StudentBase.Contracts;
using StudentBase.Http;
using Wolverine;
using Wolverine.Marten;

namespace Internships.Internships.Deadlines;

/// <summary>Scheduled when an internship starts, for the agreed end date plus the grace period.</summary>
public record FinalEvaluationDue(Guid InternshipId)
{
    /// <summary>The end of the agreed end date, in the city, plus the grace period.</summary>
    public static DateTimeOffset DueAt(AgreementTerms terms, InternshipRules rules) =>
        new DateTimeOffset(terms.EndDate.AddDays(1).ToDateTime(TimeOnly.MinValue), CityTime.Offset) + rules.FinalEvaluationGracePeriod;

    public static Decision Decide(Internship internship, InternshipRules rules, DateTimeOffset now) =>
        internship is { State: InternshipState.Started, FinalEvaluation: null, FinalEvaluationIsOverdue: false, Terms: { } terms }
        && now >= DueAt(terms, rules)
            ? Decision.Of(new FinalEvaluationOverdue(internship.Id, DueAt(terms, rules), now))
            : Decision.Nothing;
}

public static class FinalEvaluationDueHandler
{
    /// <summary>Raises the reminder once; when an amendment moved the end date later, waits for the new date instead.</summary>
    public static (Events, OutgoingMessages) Handle(
        FinalEvaluationDue message, [WriteAggregate] Internship internship, IOptions<InternshipRules> rules, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var events = new Events();
        events.AddRange(FinalEvaluationDue.Decide(internship, rules.Value, now).Events);

        var later = new OutgoingMessages();
        if (events.Count == 0 && internship is { State: InternshipState.Started, FinalEvaluation: null, Terms: { } terms }
            && FinalEvaluationDue.DueAt(terms, rules.Value) > now)
        {
            later.Schedule(message, FinalEvaluationDue.DueAt(terms, rules.Value));
        }

        return (events, later);
    }
}
