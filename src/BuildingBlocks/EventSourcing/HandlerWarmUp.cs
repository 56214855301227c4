using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Runtime;

namespace StudentBase.EventSourcing;

/// <summary>
/// Wolverine resolves each message handler (loads its pre-built type, builds its dependencies) on its first message; this
/// resolves them all in the background as soon as the service has started, so the first integration message is handled as
/// fast as the rest.
/// </summary>
internal sealed partial class HandlerWarmUp(IWolverineRuntime runtime, IHostApplicationLifetime lifetime, ILogger<HandlerWarmUp> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (runtime is not WolverineRuntime wolverine)
        {
            return Task.CompletedTask;
        }

        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() =>
        {
            foreach (var chain in wolverine.Handlers.Chains)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    wolverine.Handlers.HandlerFor(chain.MessageType);
                }
                catch (Exception exception)
                {
                    LogWarmUpFailed(logger, exception, chain.MessageType.Name);
                }
            }
        }, stoppingToken));

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not build the handler for {MessageType} ahead of its first message")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception, string messageType);
}
