using Marten;
using Marten.Services;
using Npgsql;

namespace StudentBase.EventSourcing;

/// <summary>
/// One database transaction that every document session opened on this flow joins, until it is committed or dropped: a
/// request's own writes (its events, inline projections, scheduled messages) and what a middleware adds around them (the
/// idempotency record with the answer) then commit once. Sessions joined to it write on SaveChanges but do not commit.
/// </summary>
public sealed class SharedTransaction : IAsyncDisposable
{
    private static readonly AsyncLocal<SharedTransaction?> OnThisFlow = new();

    private readonly NpgsqlConnection _connection;
    private bool _finished;

    private SharedTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        Transaction = transaction;
    }

    public NpgsqlTransaction Transaction { get; }

    /// <summary>The transaction the sessions of this flow join, if one was begun on it.</summary>
    public static SharedTransaction? Current => OnThisFlow.Value;

    public static async Task<SharedTransaction> BeginAsync(NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellation);
        return new SharedTransaction(connection, await connection.BeginTransactionAsync(cancellation));
    }

    /// <summary>Until disposed, the sessions opened on this flow (and the flows it starts) join the transaction.</summary>
    public IDisposable Join()
    {
        OnThisFlow.Value = this;
        return new Leave();
    }

    /// <summary>A session of its own on the transaction (not from the service's session factory).</summary>
    public IDocumentSession OpenSession(IDocumentStore store) => store.OpenSession(SessionOptionsFor(this));

    public async Task CommitAsync()
    {
        _finished = true;
        await Transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Drops everything written on the transaction (also what disposing an uncommitted one does).</summary>
    public async Task RollbackAsync()
    {
        if (!_finished)
        {
            _finished = true;
            await Transaction.RollbackAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        await Transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    internal static SessionOptions SessionOptionsFor(SharedTransaction? shared)
    {
        var options = shared is null ? new SessionOptions() : SessionOptions.ForTransaction(shared.Transaction);
        options.Tracking = DocumentTracking.None;
        return options;
    }

    private sealed class Leave : IDisposable
    {
        public void Dispose() => OnThisFlow.Value = null;
    }
}

/// <summary>The service's document sessions: lightweight, and joined to the flow's <see cref="SharedTransaction"/> when there is one.</summary>
internal sealed class SessionsJoiningTheFlow(IDocumentStore store) : SessionFactoryBase(store)
{
    public override SessionOptions BuildOptions() => SharedTransaction.SessionOptionsFor(SharedTransaction.Current);
}
