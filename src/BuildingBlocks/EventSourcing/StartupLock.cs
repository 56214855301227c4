using Microsoft.Extensions.Hosting;
using Npgsql;

namespace StudentBase.EventSourcing;

/// <summary>
/// Replicas of a service started together would create the same tables and indexes at the same moment, and the loser
/// fails to start ("relation already exists"). Each replica takes this PostgreSQL advisory lock, of its service's own,
/// before Marten and Wolverine set the schema up, and gives it back once the service has started: replicas start one
/// after the other, each finding the schema as the one before left it.
/// </summary>
internal sealed class StartupLock(NpgsqlDataSource dataSource, long key) : IHostedLifecycleService, IDisposable
{
    private NpgsqlConnection? _holding;

    /// <summary>Marten applies its schema as the host is starting, before any service's StartAsync: the lock is taken then.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand("select pg_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _holding = connection;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every hosted service has started by now (the next replica may go on).</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Release();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => Release();

    private void Release()
    {
        var connection = Interlocked.Exchange(ref _holding, null);
        if (connection is null)
        {
            return;
        }

        try
        {
            using var give = new NpgsqlCommand("select pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = key } } };
            give.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with its session.
        }
        finally
        {
            connection.Dispose();
        }
    }
}
