using System.Text.Json;
using Npgsql;

namespace PlatformBench;

/// <summary>
/// The most this PostgreSQL can append: one implicit transaction (one round trip) inserting a stream row and an event row
/// shaped like Marten's, committed durably, with nothing else around it.
/// </summary>
public static class Ceiling
{
    private const string Schema = """
        create table if not exists ceiling_streams (
            id uuid primary key, type text not null, version bigint not null, timestamp timestamptz not null default now());
        create table if not exists ceiling_events (
            seq_id bigserial primary key, id uuid not null, stream_id uuid not null references ceiling_streams (id),
            version bigint not null, data jsonb not null, type text not null, timestamp timestamptz not null default now(),
            unique (stream_id, version));
        """;

    /// <summary>An event body of the size a student's nomination has.</summary>
    private static readonly string Body = JsonSerializer.Serialize(new
    {
        StudentId = Guid.CreateVersion7(), UniversityId = Guid.CreateVersion7(), FullName = "Bench Student", Nationality = "VN",
        PassportNumber = new string('x', 120), Programme = "Software Engineering", DegreeLevel = "Bachelor", EnrolledOn = "2024-09-01",
        ExpectedGraduation = "2028-06-30", ResidencePermitExpiry = "2028-08-31", NominatedAt = DateTimeOffset.UtcNow,
    });

    public static async Task<Figures> MeasureAsync(NpgsqlDataSource database, int clients, TimeSpan duration)
    {
        await using (var create = database.CreateCommand(Schema))
        {
            await create.ExecuteNonQueryAsync();
        }

        return await Load.RunAsync(clients, duration, async (_, _) =>
        {
            var stream = Guid.CreateVersion7();
            await using var connection = await database.OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("insert into ceiling_streams (id, type, version) values ($1, 'student', 1)") { Parameters = { new() { Value = stream } } },
                    new NpgsqlBatchCommand("insert into ceiling_events (id, stream_id, version, data, type) values ($1, $2, 1, $3::jsonb, 'student_nominated')")
                    {
                        Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = stream }, new() { Value = Body } },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync();
            return true;
        });
    }
}
