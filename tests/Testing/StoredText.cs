using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StudentBase.EventSourcing;

namespace StudentBase.Testing;

/// <summary>Reads everything a service stored, table by table, to prove a value is held nowhere in clear.</summary>
public static class StoredText
{
    /// <summary>Every table of the service's database with a row whose text contains <paramref name="text"/>.</summary>
    public static async Task<IReadOnlyList<string>> TablesContainingAsync(this IHost host, string text, CancellationToken cancellation)
    {
        var connectionString = host.Services.GetRequiredService<IConfiguration>().GetConnectionString(EventSourcingExtensions.ConnectionName);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);

        // A row's text shows binary columns (a message's body) in hex, so those are searched for the value's bytes.
        var tables = new List<(string Table, string? BinaryColumns)>();
        await using (var list = new NpgsqlCommand(
            "select quote_ident(t.table_schema) || '.' || quote_ident(t.table_name), " +
            "string_agg(quote_ident(c.column_name), ',') filter (where c.data_type = 'bytea') " +
            "from information_schema.tables t join information_schema.columns c using (table_schema, table_name) " +
            "where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema') group by 1", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                tables.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        var holding = new List<string>();
        foreach (var (table, binaryColumns) in tables)
        {
            var inBinary = binaryColumns?.Split(',').Select(column => $" or position(convert_to(@text, 'UTF8') in t.{column}) > 0") ?? [];
            await using var search = new NpgsqlCommand(
                $"select exists (select 1 from {table} t where t::text like '%' || @text || '%'{string.Concat(inBinary)})", connection);
            search.Parameters.AddWithValue("text", text);
            if (await search.ExecuteScalarAsync(cancellation) is true)
            {
                holding.Add(table);
            }
        }

        return holding;
    }
}
