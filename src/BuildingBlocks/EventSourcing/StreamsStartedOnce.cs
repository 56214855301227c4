using Marten;

namespace StudentBase.EventSourcing;

/// <summary>Records published from configuration at start (a policy or checklist version): once, however many replicas start together.</summary>
public static class StreamsStartedOnce
{
    /// <summary>Starts the stream with its first event unless it exists; false when it did (or another replica started it at the same moment).</summary>
    public static async Task<bool> StartStreamOnceAsync<TAggregate>(this IDocumentStore store, Guid id, object first, CancellationToken cancellation)
        where TAggregate : class
    {
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(id, cancellation) is not null)
        {
            return false;
        }

        session.Events.StartStream<TAggregate>(id, first);
        try
        {
            await session.SaveChangesAsync(cancellation);
            return true;
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            return false;
        }
    }
}
