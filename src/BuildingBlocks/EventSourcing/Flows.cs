using System.Diagnostics;
using JasperFx.Events;

namespace StudentBase.EventSourcing;

/// <summary>
/// The flow an event belongs to: the trace of the request that committed it (its correlation) and the span that caused it
/// (its causation). Work done for the event after the answer (the integration relay, partner notifications) continues it.
/// </summary>
public static class Flows
{
    /// <summary>The flow as a remote parent, or none when the event was committed outside a trace.</summary>
    public static ActivityContext? ContextOf(IEvent committed)
    {
        if (committed.CorrelationId is not { Length: 32 } correlation || !correlation.All(Uri.IsHexDigit))
        {
            return null;
        }

        var parent = committed.CausationId is { Length: 16 } causation && causation.All(Uri.IsHexDigit)
            ? ActivitySpanId.CreateFromString(causation)
            : ActivitySpanId.CreateRandom();
        return new ActivityContext(ActivityTraceId.CreateFromString(correlation), parent, ActivityTraceFlags.Recorded, isRemote: true);
    }

    /// <summary>
    /// Starts a span of <paramref name="source"/> in the flow; when nobody listens to the source, a bare activity all the same,
    /// so that what it sends (a message's envelope, an HTTP request's <c>traceparent</c>) still names the flow.
    /// </summary>
    public static Activity StartIn(this ActivitySource source, string name, ActivityKind kind, ActivityContext flow) =>
        source.StartActivity(name, kind, flow) ?? new Activity(name).SetParentId(flow.TraceId, flow.SpanId, flow.TraceFlags).Start();
}
