// Measures the analysts' history paths of Internships over a large history, the service running as its own process on
// a durable PostgreSQL cluster and answering over loopback HTTP: the NDJSON feed and the Parquet export (events the
// benchmark received and parsed, per second, with the service's peak resident memory during each), and a read-model
// rebuild through the API (events folded per second, as the service counts them).
// Usage: dotnet run -c Release --project bench/HistoryBench [-- events]   (default 1,000,000 events)
// PostgreSQL: TEST_POSTGRES_CONNECTION if set, else a throwaway local cluster with fsync on (durable commits).
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Http.Json;
using System.Text.Json;
using HistoryBench;
using Npgsql;
using Parquet;
using StudentBase.Testing;

var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
const double FeedTarget = 150_000;
const double ExportTarget = 100_000;
const double RebuildTarget = 30_000;
const double MemoryTargetMiB = 300 / 1.048576;

var repository = ServiceProcess.FindRepository();
await using var server = await PostgresServer.StartAsync(durable: true);
var connectionString = await server.CreateDatabaseAsync("history");
await using var database = NpgsqlDataSource.Create(connectionString);
await using var internships = await ServiceProcess.StartAsync(repository, "Internships.Api", connectionString);
using var client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = internships.Address, Timeout = Timeout.InfiniteTimeSpan };
client.DefaultRequestHeaders.Add("X-Api-Key", "dev-analyst-key");

await Describe.MachineAsync(database);
var seeding = Stopwatch.StartNew();
var stored = await Seeding.SeedAsync(internships, database, total);
Console.WriteLine($"seeded {stored:N0} events in {seeding.Elapsed.TotalSeconds:0.0} s (one student's ten events written through the API, " +
                  "copied in SQL with the service stopped, then the service started again on them)");

Console.WriteLine($"service resident after start: {internships.ResidentMiB:N0} MiB");
Console.WriteLine("warm-up: the whole feed and the whole export once each, unmeasured (the service's code reaches its optimised tier)");
await ReadFeedAsync("");
await ReadExportAsync("");

Console.WriteLine($"\n== History paths over {stored:N0} events (Internships as a process, loopback HTTP, durable cluster) ==");
await MeasureAsync("history feed, NDJSON over HTTP", FeedTarget, () => ReadFeedAsync(""));
await MeasureAsync("history export, Parquet over HTTP", ExportTarget, () => ReadExportAsync(""));
await MeasureAsync("rebuild of the students read model", RebuildTarget, RebuildAsync);
return;

async Task MeasureAsync(string what, double target, Func<Task<(long Events, string Detail)>> run)
{
    internships.ResetPeakResident();
    var before = internships.ResidentMiB;
    var watch = Stopwatch.StartNew();
    var (events, detail) = await run();
    var perSecond = events / watch.Elapsed.TotalSeconds;
    var memory = internships.PeakResidentMiB;
    Console.WriteLine($"{what}: {events:N0} of {stored:N0} events in {watch.Elapsed.TotalSeconds:0.0} s = {perSecond:N0} events/s, " +
                      $"{perSecond / target:P0} of the {target:N0}/s target; service resident {before:N0} MiB before, peak {memory:N0} MiB " +
                      $"({memory / MemoryTargetMiB:P0} of 300 MB); {detail}");
}

// Every line parsed as JSON, its sequence read and checked to rise: what a consumer of the feed does at the least.
async Task<(long, string)> ReadFeedAsync(string query)
{
    using var response = await client.GetAsync($"/api/history/events.ndjson{query}", HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync());
    long events = 0, bytes = 0, last = 0;
    while (true)
    {
        var read = await reader.ReadAsync();
        var buffer = read.Buffer;
        while (buffer.PositionOf((byte)'\n') is { } end)
        {
            var line = buffer.Slice(0, end);
            var sequence = Feed.SequenceOf(line);
            if (sequence <= last)
            {
                throw new InvalidOperationException($"The feed went from sequence {last} to {sequence}.");
            }

            (last, events, bytes) = (sequence, events + 1, bytes + line.Length + 1);
            buffer = buffer.Slice(buffer.GetPosition(1, end));
        }

        reader.AdvanceTo(buffer.Start, buffer.End);
        if (read.IsCompleted)
        {
            break;
        }
    }

    await reader.CompleteAsync();
    return (events, $"{bytes / (1 << 20):N0} MiB received");
}

// The whole file received, then opened as Parquet and every row group's sequence and data columns read.
async Task<(long, string)> ReadExportAsync(string query)
{
    using var response = await client.GetAsync($"/api/history/events.parquet{query}", HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    using var file = new MemoryStream();
    await (await response.Content.ReadAsStreamAsync()).CopyToAsync(file);
    file.Position = 0;
    await using var parquet = await ParquetReader.CreateAsync(file);
    var fields = parquet.Schema.GetDataFields();
    var sequenceField = fields.Single(field => field.Name == "sequence");
    var dataField = fields.Single(field => field.Name == "data");
    long events = 0, last = 0;
    for (var group = 0; group < parquet.RowGroupCount; group++)
    {
        using var rows = parquet.OpenRowGroupReader(group);
        var sequences = new long[rows.RowCount];
        var data = new string[rows.RowCount];
        await rows.ReadAsync<long>(sequenceField, sequences);
        await rows.ReadAsync(dataField, data);
        foreach (var (sequence, json) in sequences.Zip(data))
        {
            if (sequence <= last || string.IsNullOrEmpty(json))
            {
                throw new InvalidOperationException($"Row after sequence {last} is out of order or has no data.");
            }

            (last, events) = (sequence, events + 1);
        }
    }

    return (events, $"{file.Length / (1 << 20):N0} MiB file, {parquet.RowGroupCount} row groups");
}

async Task<(long, string)> RebuildAsync()
{
    using var started = await client.PostAsJsonAsync("/api/history/rebuilds", new { kind = "students" });
    started.EnsureSuccessStatusCode();
    var progress = started.Headers.Location ?? throw new InvalidOperationException("The rebuild has no Location.");
    while (true)
    {
        await Task.Delay(100);
        var job = await client.GetFromJsonAsync<JsonElement>(progress);
        switch (job.GetProperty("state").GetString())
        {
            case "Running":
                continue;
            case "Completed":
                return (job.GetProperty("events").GetInt64(), $"{job.GetProperty("rebuilt").GetInt32():N0} records rebuilt");
            default:
                throw new InvalidOperationException($"The rebuild ended {job}.");
        }
    }
}
