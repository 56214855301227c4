// Measures the platform against what this machine allows, side by side in one run:
//   the ceiling (a bare durable PostgreSQL append) at 1, 8 and 32 clients;
//   partner commands through HTTP (new streams, appends to existing ones) at the same concurrency, with their ratio to it;
//   where a registration's time goes at 1 client (the service's Server-Timing stages, with telemetry on and off);
//   propagation from a committed event in Internships to the read models of Events and Subsidies at a steady rate;
//   peak memory of each service under that load; the app host's cold and warm start to all healthy.
// Usage: dotnet run -c Release --project bench/PlatformBench [-- seconds-per-run [sections]]
//   seconds per load run default 10; sections a comma list of ceiling,commands,breakdown,propagation,apphost (default all;
//   commands needs the ceiling for its ratios and runs it too)
// PostgreSQL: TEST_POSTGRES_CONNECTION if set, else a throwaway local cluster with fsync on (durable commits).
using System.Globalization;
using Npgsql;
using PlatformBench;
using StudentBase.EventSourcing;
using StudentBase.Testing;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var duration = TimeSpan.FromSeconds(seconds);
string[] sections = args.Length > 1 ? args[1].Split(',') : ["ceiling", "commands", "breakdown", "propagation", "apphost"];
int[] concurrency = [1, 8, 32];
// The target's rate, and a lighter one that shows the path's own latency when the two cores are not saturated.
int[] propagationRates = [50, 200];
string[] consumerReadModels = ["events.mt_doc_student", "subsidies.mt_doc_studentrecord"];

var repository = ServiceProcess.FindRepository();

await using var server = await PostgresServer.StartAsync(durable: true);
await DescribeMachineAsync();
var ceiling = new Dictionary<int, Figures>();
var peakMemory = new Dictionary<string, double>();

if (sections.Contains("ceiling") || sections.Contains("commands"))
{
    await MeasureCeilingAsync();
}

if (sections.Contains("commands"))
{
    await MeasureCommandsAsync();
}

if (sections.Contains("breakdown"))
{
    await MeasureBreakdownAsync();
}

if (sections.Contains("propagation"))
{
    await MeasurePropagationAsync(Messaging.PostgreSql, null);
    await using var broker = await LocalBroker.StartAsync(repository);
    if (broker is null)
    {
        Console.WriteLine("\nRabbitMQ is not installed here (apt-get install -y rabbitmq-server): its propagation is not measured.");
    }
    else
    {
        await MeasurePropagationAsync(Messaging.RabbitMq, broker.ConnectionString);
    }
}

if (peakMemory.Count > 0)
{
    Console.WriteLine("\n== Resources: peak resident memory per service under the loads above (target under 300 MB) ==");
    foreach (var (service, mebibytes) in peakMemory)
    {
        Console.WriteLine($"{service,-32} {mebibytes,6:N0} MiB ({mebibytes * 1.048576,4:N0} MB)");
    }
}

if (sections.Contains("apphost"))
{
    Console.WriteLine("\n== App host start to all three services Healthy (dotnet run --project src/AppHost, local PostgreSQL) ==");
    var (cold, warm) = await AppHostStart.MeasureAsync(repository);
    Console.WriteLine($"cold (new data directory: cluster created, schemas built): {cold.TotalSeconds,5:N1} s");
    Console.WriteLine($"warm (the same data directory again):                      {warm.TotalSeconds,5:N1} s");
}

async Task DescribeMachineAsync()
{
    await using var maintenance = NpgsqlDataSource.Create(server.ConnectionString);
    await using var settings = maintenance.CreateCommand(
        "select version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')");
    await using var reader = await settings.ExecuteReaderAsync();
    await reader.ReadAsync();
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB; " +
                      $"{reader.GetString(0).Split(" on ")[0]} ({server.Source}), fsync {reader.GetString(1)}, " +
                      $"synchronous_commit {reader.GetString(2)}, shared_buffers {reader.GetString(3)}");
    Console.WriteLine($"each load run: {seconds} s after a warm-up; client, services and PostgreSQL share the machine");
}

async Task MeasureCeilingAsync()
{
    Console.WriteLine("\n== Ceiling: bare PostgreSQL append (stream row + event row, one transaction, durable commit) ==");
    await using var database = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("ceiling"));
    await Ceiling.MeasureAsync(database, 8, TimeSpan.FromSeconds(2));
    foreach (var clients in concurrency)
    {
        ceiling[clients] = await Ceiling.MeasureAsync(database, clients, duration);
        Console.WriteLine(ceiling[clients].Describe());
    }
}

async Task MeasureCommandsAsync()
{
    Console.WriteLine("\n== Commands through HTTP (Internships: authenticated, validated, appended, inline projection, answered) ==");
    await using var internships = await ServiceProcess.StartAsync(repository, "Internships.Api", await server.CreateDatabaseAsync("commands"));
    await Commands.StartStreamsAsync(internships, 8, TimeSpan.FromSeconds(3));
    await Commands.AppendAsync(internships, 8, TimeSpan.FromSeconds(3));
    foreach (var (label, target, run) in new (string, double, Func<int, Task<Figures>>)[]
             {
                 ("new streams (register a student)", 0.35, clients => Commands.StartStreamsAsync(internships, clients, duration)),
                 ("new streams with an Idempotency-Key (the kept answer in the same transaction)", 0.35,
                     clients => Commands.StartStreamsAsync(internships, clients, duration, safeToRetry: true)),
                 ("appends to existing streams (correct a student's record)", 0.35, clients => Commands.AppendAsync(internships, clients, duration)),
             })
    {
        Console.WriteLine($"-- {label}; target at least {target:P0} of the ceiling, p99 under 50 ms at 32 clients, no errors");
        foreach (var clients in concurrency)
        {
            var figures = await run(clients);
            Console.WriteLine($"{figures.Describe()}  = {figures.PerSecond / ceiling[clients].PerSecond,5:P0} of the ceiling");
        }
    }

    peakMemory["Internships.Api (commands)"] = internships.PeakResidentMiB;
}

async Task MeasureBreakdownAsync()
{
    Console.WriteLine("\n== Where a registration's time goes at 1 client (p50 of each stage in ms, from the service's Server-Timing) ==");
    var results = new List<Breakdown.Result>();
    foreach (var telemetryOff in new[] { false, true })
    {
        var settings = new Dictionary<string, string> { ["Operations__ServerTiming"] = "true" };
        if (telemetryOff)
        {
            settings["OTEL_SDK_DISABLED"] = "true";
        }

        await using var internships = await ServiceProcess.StartAsync(repository, "Internships.Api",
            await server.CreateDatabaseAsync(telemetryOff ? "breakdown_untraced" : "breakdown"), settings);
        await Breakdown.MeasureAsync(internships, TimeSpan.FromSeconds(3));
        results.Add(await Breakdown.MeasureAsync(internships, duration));
    }

    var (traced, untraced) = (results[0], results[1]);
    Console.WriteLine($"{"stage",-78} {"traced",8} {"untraced",9}");
    foreach (var (stage, label) in new[]
             {
                 ("admission", "admission (body limit, API key, rate limit, role)"),
                 ("handler", "before the commit (validation, the university lookup, deciding)"),
                 ("reads", "  of which database reads"),
                 ("commit", "commit (inline projection, one batch, the durable commit)"),
                 ("answer", "after the commit (the answer written)"),
                 ("total", "in the service, from the first middleware to the answer's start"),
             })
    {
        Console.WriteLine($"{label,-78} {traced.StageP50[stage],8:N2} {untraced.StageP50[stage],9:N2}");
    }

    Console.WriteLine($"{"HTTP over loopback, Kestrel and the client (round trip less the service)",-78} " +
                      $"{traced.ClientP50 - traced.StageP50["total"],8:N2} {untraced.ClientP50 - untraced.StageP50["total"],9:N2}");
    Console.WriteLine($"{"round trip as the client sees it",-78} {traced.ClientP50,8:N2} {untraced.ClientP50,9:N2}");
    Console.WriteLine($"telemetry (spans recorded, none exported here): {traced.ClientP50 - untraced.ClientP50:N2} ms of the round trip; " +
                      $"forwarding to Events and Subsidies: none on the request path (the integration relay sends after the commit); " +
                      $"{traced.Requests:N0} and {untraced.Requests:N0} registrations");
}

async Task MeasurePropagationAsync(string transport, string? broker)
{
    Console.WriteLine($"\n== Propagation over {transport}: Internships commit to the consumers' read models, " +
                      $"{string.Join(" and ", propagationRates)} registrations/s for {seconds * 3} s each ==");
    var connectionString = await server.CreateDatabaseAsync($"propagation_{transport.ToLowerInvariant()}");
    var settings = new Dictionary<string, string> { ["Messaging__Transport"] = transport };
    if (broker is not null)
    {
        settings["ConnectionStrings__rabbitmq"] = broker;
    }

    await using var internships = await ServiceProcess.StartAsync(repository, "Internships.Api", connectionString, settings);
    await using var events = await ServiceProcess.StartAsync(repository, "Events.Api", connectionString, settings);
    await using var subsidies = await ServiceProcess.StartAsync(repository, "Subsidies.Api", connectionString, settings);
    await using var database = NpgsqlDataSource.Create(connectionString);
    await Propagation.MeasureAsync(internships, database, consumerReadModels, 50, TimeSpan.FromSeconds(3));
    Console.WriteLine("target: p99 under 300 ms at 200 registrations/s");
    foreach (var rate in propagationRates)
    {
        foreach (var result in await Propagation.MeasureAsync(internships, database, consumerReadModels, rate, duration * 3))
        {
            Console.WriteLine($"{rate,3}/s {result.ReadModel,-32} {result.Arrived}/{result.Sent} arrived  p50 {result.P50,6:N0} ms  " +
                              $"p95 {result.P95,6:N0} ms  p99 {result.P99,6:N0} ms  max {result.Max,6:N0} ms");
        }
    }

    foreach (var service in new[] { internships, events, subsidies })
    {
        peakMemory[$"{service.Name} (propagation, {transport})"] = service.PeakResidentMiB;
    }
}
