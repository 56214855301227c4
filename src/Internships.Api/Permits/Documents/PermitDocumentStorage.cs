using Marten;
using Npgsql;
using StudentBase.PersonalData;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Internships.Permits.Documents;

/// <summary>
/// Where the content of permit documents is kept, always sealed with the person's key (so erasing the key erases them, in
/// any store). PostgreSQL, beside the events, is the default (<see cref="PostgresPermitDocumentStorage"/>); a deployment
/// may register an S3-compatible object store instead. On the person's erasure the store forgets their documents.
/// </summary>
public interface IPermitDocumentStorage : IHoldPersonalData
{
    /// <summary>
    /// Keeps a document's sealed content. A store that can join the session's transaction does (the content commits with the
    /// event that records it); an object store writes it before, and a content whose event never commits is never referenced.
    /// </summary>
    Task KeepAsync(IDocumentSession session, Guid documentId, Guid personId, byte[] sealedContent, CancellationToken cancellation);

    /// <summary>The sealed content, or null when there is none.</summary>
    Task<byte[]?> ReadAsync(Guid documentId, CancellationToken cancellation);
}

/// <summary>The documents' content in a table of the service's schema, written in the transaction of the event that records it.</summary>
public sealed class PostgresPermitDocumentStorage(NpgsqlDataSource dataSource, IDocumentStore store) : IPermitDocumentStorage
{
    public const string Table = "permit_documents";

    public static void Define(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<Guid>("person_id").NotNull();
        table.AddColumn("content", "bytea").NotNull();
        table.AddColumn("kept_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        table.Indexes.Add(new IndexDefinition($"ix_{Table}_person") { Columns = ["person_id"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    public Task KeepAsync(IDocumentSession session, Guid documentId, Guid personId, byte[] sealedContent, CancellationToken cancellation)
    {
        session.QueueSqlCommand($"insert into {store.Options.DatabaseSchemaName}.{Table} (id, person_id, content) values (?, ?, ?)",
            documentId, personId, sealedContent);
        return Task.CompletedTask;
    }

    public Task ForgetAsync(IDocumentSession session, Guid subjectId, CancellationToken cancellation)
    {
        session.QueueSqlCommand($"delete from {store.Options.DatabaseSchemaName}.{Table} where person_id = ?", subjectId);
        return Task.CompletedTask;
    }

    public async Task<byte[]?> ReadAsync(Guid documentId, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select content from {store.Options.DatabaseSchemaName}.{Table} where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = documentId });
        return await command.ExecuteScalarAsync(cancellation) as byte[];
    }
}
