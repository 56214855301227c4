using System.Globalization;
using System.Text.Json;
using JasperFx;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace StudentBase.History;

/// <summary>
/// The service's command line beside running it: <c>rebuild {kind}</c> rebuilds a read model, and
/// <c>export {ndjson|parquet} {file} [from] [to]</c> writes the history (personal data masked) to a file.
/// Anything else goes to the JasperFx commands (<c>run</c>, <c>describe</c>, <c>projections</c>, ...).
/// </summary>
public static class HistoryCommands
{
    public static async Task<int> RunServiceAsync(this WebApplication app, string[] args)
    {
        switch (args)
        {
            case ["rebuild", var kind]:
                return await RebuildAsync(app.Services, kind);
            case ["export", var format, var file, .. var range] when format is "ndjson" or "parquet" && range.Length <= 2:
                return await ExportAsync(app.Services, format, file, range);
            case ["rebuild", ..] or ["export", ..]:
                await Console.Error.WriteLineAsync("usage: rebuild {kind} | export {ndjson|parquet} {file} [from] [to]");
                return 2;
            default:
                return await app.RunJasperFxCommands(args);
        }
    }

    private static async Task<int> RebuildAsync(IServiceProvider services, string kind)
    {
        var rebuilder = services.GetRequiredService<ProjectionRebuilder>();
        if (!rebuilder.Kinds.Contains(kind))
        {
            await Console.Error.WriteLineAsync($"Unknown kind '{kind}': one of {string.Join(", ", rebuilder.Kinds)}.");
            return 2;
        }

        var job = new RebuildJob { Id = Guid.CreateVersion7(), Kind = kind, StartedAt = DateTimeOffset.UtcNow };
        await rebuilder.RunAsync(job, CancellationToken.None, progress =>
            Console.WriteLine($"{progress.Kind}: {progress.Rebuilt}/{progress.Streams} records, {progress.Events} events, {progress.EventsPerSecond:0} events/s"));
        Console.WriteLine(job.State == RebuildState.Completed ? $"{kind} rebuilt." : $"{kind} failed: {job.Error}");
        return job.State == RebuildState.Completed ? 0 : 1;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string format, string file, string[] range)
    {
        DateTimeOffset? Bound(int index) =>
            range.Length > index ? DateTimeOffset.Parse(range[index], CultureInfo.InvariantCulture) : null;

        var feed = services.GetRequiredService<HistoryFeed>();
        var events = feed.ReadAsync(HistoryFilter.Everything with { From = Bound(0), To = Bound(1) }, 0, null, CancellationToken.None);
        await using var output = File.Create(file);
        long written = 0;
        if (format == "parquet")
        {
            written = await ParquetExport.WriteAsync(events, output, CancellationToken.None);
        }
        else
        {
            await foreach (var @event in events)
            {
                await JsonSerializer.SerializeAsync(output, @event, JsonSerializerOptions.Web);
                output.WriteByte((byte)'\n');
                written++;
            }
        }

        Console.WriteLine($"{written} events written to {file}.");
        return 0;
    }
}
