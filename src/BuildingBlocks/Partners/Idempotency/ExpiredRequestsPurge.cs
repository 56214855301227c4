using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StudentBase.Partners;

/// <summary>Deletes kept requests once their retention has passed, every hour.</summary>
public sealed partial class ExpiredRequestsPurge(IDocumentStore store, TimeProvider clock, ILogger<ExpiredRequestsPurge> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task PurgeAsync(CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotentRequest>(request => request.ExpiresAt <= now);
        await session.SaveChangesAsync(cancellation);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPurgeFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired idempotency keys; will try again in an hour")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
