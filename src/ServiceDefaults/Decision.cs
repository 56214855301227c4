using Microsoft.AspNetCore.Http;
using Wolverine.Marten;

namespace StudentBase.ServiceDefaults;

/// <summary>
/// What a decider decided: the events to append, or a refusal naming the rule. No events and no refusal means the
/// command was already carried out, so a retry changes nothing.
/// </summary>
public sealed record Decision(IReadOnlyList<object> Events, Refusal? Refusal)
{
    public static readonly Decision Nothing = new([], null);

    public static Decision Of(params object[] events) => new(events, null);

    public static implicit operator Decision(Refusal refusal) => new([], refusal);
}

public static class DecisionResponses
{
    /// <summary>
    /// The HTTP answer to a decision on an aggregate at <paramref name="version"/>: a stale If-Match is a 412 and a
    /// refusal a 422 naming the rule, both appending nothing; otherwise 204 with the new ETag and the events to append.
    /// </summary>
    public static (IResult, Events) Respond(this Decision decision, HttpRequest request, HttpResponse response, long version)
    {
        if (request.CheckIfMatch(version) is var precondition && !ReferenceEquals(precondition, Wolverine.Http.WolverineContinue.NoProblems))
        {
            return (Results.Problem(precondition), []);
        }

        if (decision.Refusal is { } refusal)
        {
            return (Results.Problem(refusal.ToProblem()), []);
        }

        response.SetETag(version + decision.Events.Count);
        var events = new Events();
        events.AddRange(decision.Events);
        return (Results.NoContent(), events);
    }
}
