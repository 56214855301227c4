using System.Diagnostics;
using Npgsql;
using StudentBase.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// Internships and Subsidies as real processes under a steady stream of registrations, each killed with SIGKILL in the
/// middle of it and started again: every registration Internships accepted is stored whole, and every one it stored (even
/// those whose answer the crash cut off) reaches Subsidies and is applied there exactly once.
/// </summary>
public class CrashingUnderLoad
{
    private const int Writers = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_service_killed_mid_flow_loses_no_accepted_command_and_applies_every_message_once()
    {
        await using var server = await PostgresServer.StartAsync(Cancellation);
        var connectionString = await server.CreateDatabaseAsync("crash", Cancellation);
        var repository = ServiceProcess.FindRepository();
        await using var internships = await ServiceProcess.StartAsync(repository, "Internships.Api", connectionString);
        await using var subsidies = await ServiceProcess.StartAsync(repository, "Subsidies.Api", connectionString);
        await using var database = NpgsqlDataSource.Create(connectionString);

        using var client = internships.CreateClient(Writers);
        await using var load = RegistrationLoad.Start(client, Writers, Cancellation);
        var accepted = load.Accepted;

        await load.UntilAcceptedAsync(50, Patience, Cancellation);
        await internships.KillAsync();
        await Task.Delay(500, Cancellation);
        await internships.RestartAsync();
        var acceptedBeforeSubsidiesCrash = accepted.Count;
        await load.UntilAcceptedAsync(acceptedBeforeSubsidiesCrash + 50, Patience, Cancellation);
        await subsidies.KillAsync();
        await load.UntilAcceptedAsync(acceptedBeforeSubsidiesCrash + 100, Patience, Cancellation);
        await subsidies.RestartAsync();
        await load.UntilAcceptedAsync(acceptedBeforeSubsidiesCrash + 150, Patience, Cancellation);
        await load.StopAsync();

        // Stored whole: every accepted registration has its event and its read model, and nothing has one without the other.
        var stored = await StudentsAsync(database, "select stream_id from internships.mt_events where type = 'student_nominated'");
        var documented = await StudentsAsync(database, "select id from internships.mt_doc_student");
        accepted.Except(stored).ShouldBeEmpty("every accepted registration is stored");
        documented.ShouldBe(stored, ignoreOrder: true);

        // Delivered and applied once: Subsidies ends with exactly the students Internships stored, each recorded once.
        var waited = Stopwatch.StartNew();
        HashSet<Guid> recorded;
        while (!(recorded = await StudentsAsync(database, "select id from subsidies.mt_doc_studentrecord")).SetEquals(stored) && waited.Elapsed < Patience)
        {
            await Task.Delay(500, Cancellation);
        }

        recorded.ShouldBe(stored, ignoreOrder: true, "every stored registration reaches Subsidies");
        (await StudentsAsync(database, "select stream_id from subsidies.mt_events where type = 'student_recorded' group by stream_id having count(*) > 1"))
            .ShouldBeEmpty("a redelivered message is applied once");
        await using var total = database.CreateCommand("select count(*) from subsidies.mt_events where type = 'student_recorded'");
        ((long)(await total.ExecuteScalarAsync(Cancellation))!).ShouldBe(stored.Count);
    }

    private static async Task<HashSet<Guid>> StudentsAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var students = new HashSet<Guid>();
        while (await reader.ReadAsync(Cancellation))
        {
            students.Add(reader.GetGuid(0));
        }

        return students;
    }
}
