// Measures the analysts' history paths of a service over a large history: the NDJSON feed and the Parquet export
// through HTTP (events per second, streamed to the end), and a read-model rebuild (events folded per second).
// Usage: dotnet run -c Release --project bench/HistoryBench [-- events]   (default 1,000,000 events)
// PostgreSQL: TEST_POSTGRES_CONNECTION if set, else a throwaway local cluster (as the tests).
using System.Diagnostics;
using System.Globalization;
using Alba;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.History;
using StudentBase.Testing;
using StudentBase.EventSourcing;

var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
const int EventsPerStudent = 10;
var students = total / EventsPerStudent;

await using var server = await PostgresServer.StartAsync();
var connectionString = await server.CreateDatabaseAsync("bench");
var repository = new DirectoryInfo(AppContext.BaseDirectory);
while (!File.Exists(Path.Combine(repository.FullName, "StudentBase.slnx")))
{
    repository = repository.Parent ?? throw new InvalidOperationException("Run the benchmark from the repository.");
}

await using var host = await AlbaHost.For<Student>(builder =>
{
    builder.UseContentRoot(Path.Combine(repository.FullName, "src", "Internships.Api"));
    builder.UseSetting($"ConnectionStrings:{EventSourcingExtensions.ConnectionName}", connectionString);
    builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
});
var store = host.Services.GetRequiredService<IDocumentStore>();

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, PostgreSQL from {server.Source}");
var seeding = Stopwatch.StartNew();
var universityId = Guid.CreateVersion7();
for (var batch = 0; batch < students; batch += 1000)
{
    await using var session = store.LightweightSession();
    foreach (var _ in Enumerable.Range(0, Math.Min(1000, students - batch)))
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var events = new List<object>
        {
            new StudentNominated(id, universityId, "Bench Student", "VN", "not-a-real-ciphertext", "Software Engineering", DegreeLevel.Bachelor,
                new DateOnly(2024, 9, 1), new DateOnly(2028, 6, 30), new DateOnly(2028, 8, 31), now),
        };
        events.AddRange(Enumerable.Range(1, EventsPerStudent - 1).Select(correction => (object)new StudentDetailsCorrected(id, "Bench Student",
            $"Programme {correction}", DegreeLevel.Bachelor, new DateOnly(2028, 6, 30), new DateOnly(2028, 8, 31), "bench", now)));
        session.Events.StartStream<Student>(id, events);
    }

    await session.SaveChangesAsync();
}

Report("seeded (Marten appends, inline projection)", students * EventsPerStudent, seeding.Elapsed);
await Task.Delay(TimeSpan.FromSeconds(6)); // past the feed's gap tolerance, so the whole history is settled

const double ExportTarget = 100_000;
const double RebuildTarget = 30_000;
await MeasureAsync("history feed, NDJSON over HTTP", "/api/history/events.ndjson");
await MeasureAsync("history export, Parquet over HTTP", "/api/history/events.parquet");

var rebuilder = host.Services.GetRequiredService<ProjectionRebuilder>();
var rebuilding = Stopwatch.StartNew();
var job = await rebuilder.RunAsync(new RebuildJob { Id = Guid.CreateVersion7(), Kind = "students", StartedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
Report($"rebuild of students ({job.State}, {job.Rebuilt} records)", job.Events, rebuilding.Elapsed, RebuildTarget);
return;

async Task MeasureAsync(string what, string url)
{
    var watch = Stopwatch.StartNew();
    using var client = host.Server.CreateClient();
    using var request = new HttpRequestMessage(HttpMethod.Get, url);
    request.Headers.Add("X-Api-Key", "dev-analyst-key");
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using var body = await response.Content.ReadAsStreamAsync();
    var buffer = new byte[1 << 16];
    long bytes = 0;
    int read;
    while ((read = await body.ReadAsync(buffer)) > 0)
    {
        bytes += read;
    }

    Report($"{what} ({bytes / 1024 / 1024} MiB)", students * EventsPerStudent, watch.Elapsed, ExportTarget);
}

static void Report(string what, long events, TimeSpan elapsed, double? target = null)
{
    using var process = Process.GetCurrentProcess();
    var perSecond = events / elapsed.TotalSeconds;
    var againstTarget = target is { } goal ? $", {perSecond / goal:P0} of the {goal:N0}/s target" : "";
    Console.WriteLine($"{what}: {events:N0} events in {elapsed.TotalSeconds:0.0} s = {perSecond:N0} events/s{againstTarget} " +
                      $"(process peak working set so far {process.PeakWorkingSet64 / 1024 / 1024} MiB)");
}
