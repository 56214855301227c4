using System.Net;
using System.Net.Http.Json;
using Npgsql;
using StudentBase.Testing;

namespace HistoryBench;

/// <summary>A large history for Internships, made of one real student's events.</summary>
public static class Seeding
{
    private const int EventsPerStudent = 10;
    private const int StudentsPerTransaction = 10_000;
    private const string Schema = "internships";

    /// <summary>
    /// Registers a student through the API and corrects their record nine times, stops the service, copies those ten
    /// events (and their stream) in SQL until the history holds <paramref name="events"/>, marks the history as already
    /// projected and relayed (as a service that had been running all along would have it), and starts the service again.
    /// Returns how many events are stored.
    /// </summary>
    public static async Task<long> SeedAsync(ServiceProcess internships, NpgsqlDataSource database, int events)
    {
        using var client = internships.CreateClient(1);
        var template = await DevelopmentPartners.RegisterStudentAsync(client) ?? throw new InvalidOperationException("Could not register a student.");
        for (var correction = 1; correction < EventsPerStudent; correction++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/students/{template}/corrections")
            {
                Content = JsonContent.Create(new { programme = $"Programme {correction}", reason = "Benchmark history" }),
            };
            request.Headers.Add("X-Api-Key", DevelopmentPartners.XiamenUniversityKey);
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                throw new InvalidOperationException($"A correction answered {response.StatusCode}.");
            }
        }

        await internships.KillAsync();
        var streamColumns = (await ColumnsAsync(database, "mt_streams")).Where(column => column != "seq_id").ToList();
        var eventColumns = await ColumnsAsync(database, "mt_events");
        var copyStreams = $"""
            insert into {Schema}.mt_streams ({string.Join(", ", streamColumns)})
            select {string.Join(", ", streamColumns.Select(column => column == "id" ? "copy.id" : $"template.{column}"))}
            from copies copy cross join {Schema}.mt_streams template where template.id = $1
            """;
        var copyEvents = $"""
            insert into {Schema}.mt_events ({string.Join(", ", eventColumns)})
            select {string.Join(", ", eventColumns.Select(column => column switch
            {
                "seq_id" => $"nextval('{Schema}.mt_events_sequence')",
                "id" => "gen_random_uuid()",
                "stream_id" => "copy.id",
                "data" => "replace(template.data::text, $1::text, copy.id::text)::jsonb",
                _ => $"template.{column}",
            }))}
            from copies copy cross join {Schema}.mt_events template where template.stream_id = $1
            order by copy.id, template.version
            """;
        for (var copied = 1; copied < events / EventsPerStudent; copied += StudentsPerTransaction)
        {
            var students = Math.Min(StudentsPerTransaction, events / EventsPerStudent - copied);
            await using var connection = await database.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var copies = new NpgsqlCommand(
                             "create temp table copies on commit drop as select gen_random_uuid() as id from generate_series(1, $1)", connection, transaction))
            {
                copies.Parameters.Add(new NpgsqlParameter { Value = students });
                await copies.ExecuteNonQueryAsync();
            }

            foreach (var sql in new[] { copyStreams, copyEvents })
            {
                await using var copy = new NpgsqlCommand(sql, connection, transaction);
                copy.Parameters.Add(new NpgsqlParameter { Value = template });
                await copy.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await using (var projected = database.CreateCommand(
                         $"update {Schema}.mt_event_progression set last_seq_id = (select max(seq_id) from {Schema}.mt_events)"))
        {
            await projected.ExecuteNonQueryAsync();
        }

        foreach (var table in new[] { "mt_events", "mt_streams" })
        {
            await using var analyse = database.CreateCommand($"vacuum analyze {Schema}.{table}");
            await analyse.ExecuteNonQueryAsync();
        }

        await internships.RestartAsync();
        await using var count = database.CreateCommand($"select count(*) from {Schema}.mt_events");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<IReadOnlyList<string>> ColumnsAsync(NpgsqlDataSource database, string table)
    {
        await using var query = database.CreateCommand(
            "select column_name from information_schema.columns where table_schema = $1 and table_name = $2 " +
            "and is_generated = 'NEVER' order by ordinal_position");
        query.Parameters.Add(new NpgsqlParameter { Value = Schema });
        query.Parameters.Add(new NpgsqlParameter { Value = table });
        var columns = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
