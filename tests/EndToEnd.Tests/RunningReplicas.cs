using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using StudentBase.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// Two replicas of Internships and of Subsidies on one database, as several machines would run them: every message is
/// processed once between the consumer replicas, work one replica scheduled (an intention's decision deadline) is done once
/// by the other when the first is killed before it is due, and the async daemon runs on one replica at a time, the other
/// taking it over when that one is killed.
/// </summary>
public class RunningReplicas
{
    private const int Students = 40;
    private const int Intentions = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly Guid Paoyou = Guid.Parse("0196f0c4-0000-7000-8000-00000000b001");

    private static readonly IReadOnlyDictionary<string, string> ShortDecisionPeriod = new Dictionary<string, string>
    {
        ["Internships__Rules__IntentionDecisionPeriod"] = "00:00:08",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task messages_are_processed_once_and_a_killed_replicas_scheduled_work_is_done_once_by_the_other()
    {
        await using var server = await PostgresServer.StartAsync(Cancellation);
        var connectionString = await server.CreateDatabaseAsync("replicas", Cancellation);
        var repository = ServiceProcess.FindRepository();
        await using var internshipsA = await ServiceProcess.StartAsync(repository, "Internships.Api", connectionString, ShortDecisionPeriod);
        await using var internshipsB = await ServiceProcess.StartAsync(repository, "Internships.Api", connectionString, ShortDecisionPeriod);
        await using var subsidiesA = await ServiceProcess.StartAsync(repository, "Subsidies.Api", connectionString);
        await using var subsidiesB = await ServiceProcess.StartAsync(repository, "Subsidies.Api", connectionString);
        await using var database = NpgsqlDataSource.Create(connectionString);
        using var a = internshipsA.CreateClient(4);
        using var b = internshipsB.CreateClient(4);

        var students = new List<Guid>();
        for (var index = 0; index < Students; index++)
        {
            students.Add((await DevelopmentPartners.RegisterStudentAsync(index % 2 == 0 ? a : b, Cancellation)).ShouldNotBeNull());
        }

        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var placement = await CreateAsync(a, "/api/placements", "dev-paoyou-key", new
        {
            branchStationId = Paoyou,
            offer = new { title = "Script writing", description = "Short-video scripts", slots = Intentions, startDate = $"{start:yyyy-MM-dd}",
                endDate = $"{start.AddDays(60):yyyy-MM-dd}", location = "Software Park Phase I, Xiamen" },
        });
        await SendAsync(a, $"/api/placements/{placement}/approval", "dev-base-admin-key", new { }, HttpStatusCode.NoContent);
        var intentions = new List<Guid>();
        foreach (var student in students.Take(Intentions))
        {
            intentions.Add(await CreateAsync(a, "/api/internships", "dev-xmu-key", new { studentId = student, placementId = placement }));
        }

        await internshipsA.KillAsync();

        (await EventuallyAsync(database, "select count(*) from subsidies.mt_doc_studentrecord", Students))
            .ShouldBe(Students, "every registration reaches Subsidies");
        (await CountAsync(database, "select count(*) from subsidies.mt_events where type = 'student_recorded'"))
            .ShouldBe(Students, "each registration is processed once between the two consumer replicas");

        (await EventuallyAsync(database, "select count(*) from internships.mt_events where type = 'intention_lapsed'", Intentions))
            .ShouldBe(Intentions, "the survivor lapses the intentions the killed replica scheduled");
        await Task.Delay(TimeSpan.FromSeconds(3), Cancellation);
        (await CountAsync(database, "select count(distinct stream_id) from internships.mt_events where type = 'intention_lapsed'"))
            .ShouldBe(Intentions, "each intention lapses once");
        (await CountAsync(database, "select count(*) from internships.mt_events where type = 'intention_lapsed'")).ShouldBe(Intentions);
    }

    [Fact]
    public async Task the_async_daemon_runs_on_one_replica_at_a_time_and_the_other_takes_over_when_it_is_killed()
    {
        await using var server = await PostgresServer.StartAsync(Cancellation);
        var connectionString = await server.CreateDatabaseAsync("daemon", Cancellation);
        var repository = ServiceProcess.FindRepository();
        await using var first = await ServiceProcess.StartAsync(repository, "Internships.Api", connectionString);
        await using var second = await ServiceProcess.StartAsync(repository, "Internships.Api", connectionString);
        await using var database = NpgsqlDataSource.Create(connectionString);
        using var firstClient = first.CreateClient(4);
        using var secondClient = second.CreateClient(4);
        ServiceProcess[] replicas = [first, second];

        var leader = await TheOneRunningTheDaemonAsync(replicas);
        var survivor = leader == first ? second : first;
        using var survivorClient = survivor.CreateClient(4);
        for (var index = 0; index < Students / 2; index++)
        {
            (await DevelopmentPartners.RegisterStudentAsync(index % 2 == 0 ? firstClient : secondClient, Cancellation)).ShouldNotBeNull();
        }

        const string counted = "select coalesce(sum((data ->> 'StudentsNominated')::int), 0) from internships.mt_doc_programmemonth";
        (await EventuallyAsync(database, counted, Students / 2)).ShouldBe(Students / 2, "the daemon counts every registration once");
        (await TheOneRunningTheDaemonAsync(replicas)).ShouldBe(leader, "leadership stays where it is while its node lives");

        await leader.KillAsync();
        for (var index = 0; index < Students / 2; index++)
        {
            (await DevelopmentPartners.RegisterStudentAsync(survivorClient, Cancellation)).ShouldNotBeNull();
        }

        (await TheOneRunningTheDaemonAsync([survivor])).ShouldBe(survivor, "the survivor takes the daemon over");
        (await EventuallyAsync(database, counted, Students)).ShouldBe(Students, "the survivor counts from where the killed node stopped");
        await Task.Delay(TimeSpan.FromSeconds(3), Cancellation);
        (await CountAsync(database, counted)).ShouldBe(Students, "no registration is counted twice across the takeover");
    }

    [Fact]
    public async Task behind_the_app_host_two_replicas_of_each_service_process_each_message_once_and_one_of_them_runs_the_daemon()
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        using var storage = new PlatformStorage();
        await using var platform = await PlatformApp.StartAsync(storage, receiver.Endpoint, Cancellation, replicas: 2);
        await using var database = NpgsqlDataSource.Create(storage.ConnectionString);
        using var internships = platform.CreateClient("internships");

        for (var index = 0; index < Students; index++)
        {
            (await DevelopmentPartners.RegisterStudentAsync(internships, Cancellation)).ShouldNotBeNull();
        }

        (await EventuallyAsync(database, "select count(*) from subsidies.mt_doc_studentrecord", Students)).ShouldBe(Students);
        (await EventuallyAsync(database, "select count(*) from events.mt_doc_student", Students)).ShouldBe(Students);
        const string counted = "select coalesce(sum((data ->> 'StudentsNominated')::int), 0) from internships.mt_doc_programmemonth";
        (await EventuallyAsync(database, counted, Students)).ShouldBe(Students);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancellation);
        (await CountAsync(database, "select count(*) from subsidies.mt_events where type = 'student_recorded'"))
            .ShouldBe(Students, "each registration is applied once in Subsidies");
        (await CountAsync(database, "select count(*) from events.mt_events where type = 'student_recorded'"))
            .ShouldBe(Students, "each registration is applied once in Events");
        (await CountAsync(database, counted)).ShouldBe(Students, "the daemon counts each registration once");

        // A fresh connection each time, so the app host's proxy may send each to either replica.
        var answers = new HashSet<int>();
        for (var attempt = 0; attempt < 40 && answers.Count < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.ConnectionClose = true;
            using var answer = await internships.SendAsync(request, Cancellation);
            var health = await answer.Content.ReadFromJsonAsync<JsonObject>(Cancellation);
            answers.Add(health!["checks"]!["messaging"]!["data"]!["projectionsRunningHere"]!.AsArray().Count);
        }

        answers.ShouldBe([0, 3], ignoreOrder: true,
            "both replicas answer, and the daemon's agents (the projection, the integration relay and the partner notification relay) run on exactly one of them");
    }

    /// <summary>Waits until exactly one of the replicas says it runs the async projections, and never two at once.</summary>
    private static async Task<ServiceProcess> TheOneRunningTheDaemonAsync(IReadOnlyList<ServiceProcess> replicas)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var running = new List<ServiceProcess>();
            foreach (var replica in replicas)
            {
                using var client = replica.CreateClient(1);
                // Read whatever the status: a replica just started may still say Degraded or Unhealthy.
                using var answer = await client.GetAsync("/health", Cancellation);
                var health = await answer.Content.ReadFromJsonAsync<JsonObject>(Cancellation);
                if (health!["checks"]!["messaging"]!["data"]!["projectionsRunningHere"]!.AsArray().Count > 0)
                {
                    running.Add(replica);
                }
            }

            running.Count.ShouldBeLessThanOrEqualTo(1, "the async daemon runs on one node at a time");
            if (running.Count == 1)
            {
                return running[0];
            }

            waited.Elapsed.ShouldBeLessThan(Patience, "no replica took the async daemon");
            await Task.Delay(250, Cancellation);
        }
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string url, string key, object body)
    {
        var response = await SendAsync(client, url, key, body, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["id"]!.GetValue<Guid>();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string key, object body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        var response = await client.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(expected, $"POST {url}: {await response.Content.ReadAsStringAsync(Cancellation)}");
        return response;
    }

    private static async Task<long> EventuallyAsync(NpgsqlDataSource database, string count, long expected)
    {
        var waited = Stopwatch.StartNew();
        long actual;
        while ((actual = await CountAsync(database, count)) < expected && waited.Elapsed < Patience)
        {
            await Task.Delay(250, Cancellation);
        }

        return actual;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }
}
