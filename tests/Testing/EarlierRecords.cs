using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StudentBase.EventSourcing;

namespace StudentBase.Testing;

/// <summary>Turns a stream's records back into what versions before sealing stored: the name in clear, as <c>FullName</c>.</summary>
public static class EarlierRecords
{
    public static async Task StoreNameInClearAsync(this IHost host, Guid streamId, string fullName, CancellationToken cancellation)
    {
        var connectionString = host.Services.GetRequiredService<IConfiguration>().GetConnectionString(EventSourcingExtensions.ConnectionName);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);

        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.columns " +
            "where column_name = 'data' and data_type = 'jsonb' and (table_name = 'mt_events' or table_name like 'mt_doc_%')", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            var stream = table.EndsWith(".mt_events", StringComparison.Ordinal) ? "stream_id" : "id";
            await using var update = new NpgsqlCommand(
                $"update {table} set data = (data - 'EncryptedFullName') || jsonb_build_object('FullName', @name::text) " +
                $"where {stream}::text = @stream and data ? 'EncryptedFullName'", connection);
            update.Parameters.AddWithValue("name", fullName);
            update.Parameters.AddWithValue("stream", streamId.ToString());
            await update.ExecuteNonQueryAsync(cancellation);
        }
    }
}
