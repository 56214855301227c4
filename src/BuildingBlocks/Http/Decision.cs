using Microsoft.AspNetCore.Http;
using Wolverine.Marten;

namespace StudentBase.Http;

/// <summary>
/// What a decider decided: the events to append and the integration messages to publish with them, or a refusal
/// naming the rule. No events and no refusal means the command was already carried out, so a retry changes nothing.
/// </summary>
public sealed record Decision(IReadOnlyList<object> Events, Refusal? Refusal)
{
    public static readonly Decision Nothing = new([], null);

    public IReadOnlyList<object> Messages { get; init; } = [];

    public static Decision Of(params object[] events) => new(events, null);

    /// <summary>The same decision, also publishing these messages (committed with the events, forwarded after the answer).</summary>
    public Decision Publishing(params object[] messages) => this with { Messages = [.. Messages, .. messages] };

    /// <summary>The events to append, carrying the messages to publish (see <see cref="PublishedMessages"/>).</summary>
    public IReadOnlyList<object> EventsToAppend() => PublishedMessages.Attach(Events, Messages);

    public static implicit operator Decision(Refusal refusal) => new([], refusal);
}

public static class DecisionResponses
{
    /// <summary>
    /// The HTTP answer to a decision on an aggregate at <paramref name="version"/>: a stale If-Match is a 412 and a
    /// refusal a 422 naming the rule, both appending nothing; otherwise 204 with the new ETag and the events to append,
    /// which carry the messages the decision publishes.
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
        events.AddRange(decision.EventsToAppend());
        return (Results.NoContent(), events);
    }
}
