using Marten;
using Marten.Services;
using Npgsql;

namespace StudentBase.EventSourcing;

/// <summary>
/// One database transaction that the sessions the service's session factory opens on this flow join (document and query
/// sessions alike; not those opened straight from the store), until it is committed or dropped: a request's own writes
/// (its events, inline projections, scheduled messages) and what a middleware adds around them (the idempotency record
/// with the answer) then commit once. A joined session writes on SaveChanges without committing, and Marten tells its
/// listeners it committed then: what must wait for the real commit waits for <see cref="OnCommitted"/>.
/// </summary>
public sealed class SharedTransaction : IAsyncDisposable
{
    private static readonly AsyncLocal<SharedTransaction?> OnThisFlow = new();

    private readonly NpgsqlConnection _connection;
    private readonly List<Action> _committed = [];
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

    /// <summary>Runs <paramref name="action"/> once the transaction has committed; never if it is dropped.</summary>
    public void OnCommitted(Action action) => _committed.Add(action);

    public async Task CommitAsync()
    {
        _finished = true;
        await Transaction.CommitAsync(CancellationToken.None);
        foreach (var action in _committed)
        {
            action();
        }
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
        try
        {
            await RollbackAsync();
        }
        finally
        {
            await Transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
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
internal sealed class SessionsJoiningTheFlow : SessionFactoryBase
{
    private readonly IDocumentStore _store;

    public SessionsJoiningTheFlow(IDocumentStore store) : base(store) => _store = store;

    public override SessionOptions BuildOptions() => SharedTransaction.SessionOptionsFor(SharedTransaction.Current);

    public override IQuerySession QuerySession() =>
        SharedTransaction.Current is { } shared ? _store.QuerySession(SharedTransaction.SessionOptionsFor(shared)) : _store.QuerySession();
}
