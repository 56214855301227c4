using System.Text.Json.Nodes;
using Alba;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;
using StudentBase.History;
using StudentBase.Testing;

namespace Internships.Tests.History;

/// <summary>An analyst exports a time range as Parquet and reads it with DuckDB: the same rows as the feed.</summary>
public class ExportingTheHistory(InternshipsFixture fixture)
{
    private async Task<Guid> RegisterAsync()
    {
        var registered = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(Given.NominationOf(PartnerKeys.XiamenUniversity)).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return registered.ReadAsJson<JsonObject>()!["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task a_parquet_export_read_with_duckdb_has_the_same_rows_as_the_feed()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var registered = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            registered.Add(await RegisterAsync());
        }

        var to = DateTimeOffset.UtcNow.AddMilliseconds(1);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var range = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

        var feed = (await fixture.SettledHistoryAsync($"limit=1000&{range}",
            page => registered.All(stream => page.Events.Any(@event => @event.StreamId == stream)))).Events;
        var export = await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url($"/api/history/events.parquet?{range}"));
        export.Context.Response.ContentType.ShouldBe(ParquetExport.ContentType);
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.parquet");
        await using (var written = File.Create(file))
        {
            await export.Context.Response.Body.CopyToAsync(written, TestContext.Current.CancellationToken);
        }

        try
        {
            var rows = ReadWithDuckDb(file);
            feed.Count.ShouldBeGreaterThanOrEqualTo(3);
            rows.Select(row => row.Sequence).ShouldBe(feed.Select(@event => @event.Sequence));
            rows.Select(row => row.Id).ShouldBe(feed.Select(@event => @event.Id));
            rows.Select(row => row.StreamId).ShouldBe(feed.Select(@event => @event.StreamId));
            rows.Select(row => row.Type).ShouldBe(feed.Select(@event => @event.Type));
            rows.Select(row => row.Timestamp).ShouldBe(feed.Select(@event => @event.Timestamp.UtcDateTime.Ticks / 10 * 10));
            rows.Select(row => JsonNode.Parse(row.Data)!.ToJsonString()).ShouldBe(feed.Select(@event => @event.Data!.ToJsonString()));
            rows.Select(row => row.Actor).ShouldBe(feed.Select(@event => @event.Actor));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task the_readmes_duckdb_example_counts_nominations_per_month_and_nationality()
    {
        var studentId = await RegisterAsync();
        await fixture.SettledHistoryAsync($"stream={studentId}", page => page.Events.Count > 0);
        var export = await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url("/api/history/events.parquet?type=student_nominated"));
        var file = Path.Combine(Path.GetTempPath(), $"nominations-{Guid.NewGuid():N}.parquet");
        await using (var written = File.Create(file))
        {
            await export.Context.Response.Body.CopyToAsync(written, TestContext.Current.CancellationToken);
        }

        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "select strftime(timestamp + interval 8 hour, '%Y-%m') as month, " +
                "json_extract_string(data, '$.nationality') as nationality, count(*) as nominated " +
                $"from read_parquet('{file}') where type = 'student_nominated' group by all order by month, nationality";
            using var reader = command.ExecuteReader();
            var counts = new List<(string Month, string Nationality, long Nominated)>();
            while (reader.Read())
            {
                counts.Add((reader.GetString(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)));
            }

            var thisMonth = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            counts.ShouldContain(count => count.Month == thisMonth && count.Nationality == "NG" && count.Nominated >= 1);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<(long Sequence, Guid Id, Guid StreamId, string Type, long Timestamp, string Data, string? Actor)> ReadWithDuckDb(string file)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select sequence, id, stream_id, type, cast(epoch_us(timestamp) as varchar), data, actor from read_parquet('{file}') order by sequence";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, Guid, Guid, string, long, string, string?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), Guid.Parse(reader.GetString(1)), Guid.Parse(reader.GetString(2)), reader.GetString(3),
                long.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture) * 10 + DateTime.UnixEpoch.Ticks, reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return rows;
    }
}
