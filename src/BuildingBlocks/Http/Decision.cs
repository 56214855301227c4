using Microsoft.AspNetCore.Http;
using Wolverine;
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

    /// <summary>The same decision, also publishing these messages (through the outbox, with the events).</summary>
    public Decision Publishing(params object[] messages) => this with { Messages = [.. Messages, .. messages] };

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

    /// <summary>As <see cref="Respond"/>, and publishes the decision's messages when it is carried out.</summary>
    public static (IResult, Events, OutgoingMessages) RespondAndPublish(this Decision decision, HttpRequest request, HttpResponse response, long version)
    {
        var (result, events) = decision.Respond(request, response, version);
        var messages = new OutgoingMessages();
        if (events.Count > 0)
        {
            messages.AddRange(decision.Messages);
        }

        return (result, events, messages);
    }
}
