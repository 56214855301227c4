using System.Diagnostics;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StudentBase.EventSourcing;
using StudentBase.Http;

namespace StudentBase.Operations;

/// <summary>
/// One structured log line per domain decision: accepted when its events are committed (Information), refused
/// when a rule answers 422 (Warning). Names, types and ids only: never the events' data, so no personal data.
/// </summary>
public sealed partial class DecisionLog(ILogger<DecisionLog> logger) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var streams = commit.GetStreams().Where(stream => stream.Events.Count > 0).ToList();
        if (streams.Count == 0)
        {
            return Task.CompletedTask;
        }

        var eventTypes = string.Join(',', streams.SelectMany(stream => stream.Events).Select(@event => @event.EventTypeName).Distinct());
        var streamIds = string.Join(',', streams.Select(stream => stream.Id));
        Provenance.DomainSpan()?.SetTag(Provenance.Tags.StreamIds, streamIds).SetTag(Provenance.Tags.EventTypes, eventTypes);
        var command = session.GetHeader(Provenance.Headers.Command)?.ToString() ?? "unknown";
        var (causation, correlation) = (session.CausationId, session.CorrelationId);
        if (SharedTransaction.Current is { } shared)
        {
            shared.OnCommitted(() => Accepted(logger, command, eventTypes, streamIds, causation, correlation));
        }
        else
        {
            Accepted(logger, command, eventTypes, streamIds, causation, correlation);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Command} accepted: {EventTypes} on {StreamIds} (causation {CausationId}, correlation {CorrelationId})")]
    private static partial void Accepted(ILogger logger, string command, string eventTypes, string streamIds, string? causationId, string? correlationId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Command} refused by rule {Rule} ({Method} {Path})")]
    internal static partial void Refused(ILogger logger, string command, string rule, string method, string path);
}

/// <summary>Logs a refusal by a business rule (every rule-violated problem answer) as a decision of the log.</summary>
internal sealed class RefusalLog(ILogger<DecisionLog> logger) : IRefusalObserver
{
    public void Refused(HttpContext context, string rule) =>
        DecisionLog.Refused(logger, Commands.NameOf(context), rule, context.Request.Method, context.Request.Path.Value ?? "");
}

/// <summary>Registers the decision log as a session listener of the service's store.</summary>
internal sealed class OperationsMartenConfiguration(ILogger<DecisionLog> logger) : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) => options.Listeners.Add(new DecisionLog(logger));
}
