using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alba;
using DuckDB.NET.Data;
using Shouldly;
using Xunit;

namespace StudentBase.Testing;

/// <summary>What the seeding put where: the canaries, the ids to read them by, and where their owners see them.</summary>
/// <param name="Canaries">Distinctive values, one in every personal field the service keeps.</param>
/// <param name="Ids">Values for the operations' path parameters, by parameter name (<c>id</c>, <c>personId</c>, ...).</param>
/// <param name="Urls">The reads to make of an operation, by its path template, where the ids alone do not say (several kinds, a filter).</param>
/// <param name="OwnersSee">Reads in which a role that may see personal data finds a canary: the positive control.</param>
public sealed record SeededCanaries(
    IReadOnlyList<string> Canaries,
    IReadOnlyDictionary<string, string> Ids,
    IReadOnlyDictionary<string, string[]> Urls,
    IReadOnlyList<(string Url, string Key, string Canary)> OwnersSee);

/// <summary>
/// Personal data stays with those who may see it. Distinctive canary values are put in every personal field the service keeps,
/// through its own API and messages; then every GET operation of the service's OpenAPI document is read, with the seeded ids,
/// as each role that may not see personal data (Analyst, SubsidyReviewer, Finance, Operator), and no answer holds a canary,
/// whether JSON, NDJSON or Parquet (read back with DuckDB); nor does any log line or span the process recorded. In the same
/// test the owners do find their data, so the scan would see a canary that got out.
/// </summary>
public abstract class PersonalDataCanarySpecification<TProgram>(ServiceFixture<TProgram> fixture) where TProgram : class
{
    private static readonly string[] RolesWithoutPersonalData = [PartnerKeys.Analyst, PartnerKeys.SubsidyReviewer, PartnerKeys.Finance, PartnerKeys.Operator];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Puts a canary in every personal field the service keeps, as partners and the other services would.</summary>
    protected abstract Task<SeededCanaries> SeedAsync();

    [Fact]
    public async Task no_role_that_may_not_see_personal_data_finds_it_in_any_answer_log_or_span_while_the_owners_do()
    {
        var seeded = await SeedAsync();
        await HistoryShowsTheSeededEventsAsync(seeded);

        foreach (var (url, key, canary) in seeded.OwnersSee)
        {
            (await ReadAsync(url, key)).Text.ShouldContain(canary, customMessage: $"the positive control: {key} reads {canary} at {url}");
        }

        var document = (await (await fixture.Host.Scenario(x => x.Get.Url("/openapi/v1.json"))).ReadAsJsonAsync<JsonObject>())!;
        var templates = document["paths"]!.AsObject().Where(path => path.Value!["get"] is not null).Select(path => path.Key).ToList();
        seeded.Urls.Keys.ShouldBeSubsetOf(templates);

        var answered = 0;
        foreach (var url in templates.SelectMany(template => UrlsOf(template, seeded)))
        {
            foreach (var key in RolesWithoutPersonalData)
            {
                var (status, text) = await ReadAsync(url, key);
                answered += status == 200 ? 1 : 0;
                foreach (var canary in seeded.Canaries)
                {
                    text.ShouldNotContain(canary, Case.Insensitive, $"{key} GET {url} answered {status} with personal data");
                }
            }
        }

        answered.ShouldBeGreaterThan(templates.Count / 2, "most reads answer, or the scan proves nothing");
        foreach (var canary in seeded.Canaries)
        {
            fixture.Logs.Lines.ShouldNotContain(line => line.Contains(canary, StringComparison.OrdinalIgnoreCase), $"a log line holds {canary}");
            fixture.Spans.Texts.ShouldNotContain(span => span.Contains(canary, StringComparison.OrdinalIgnoreCase), $"a span holds {canary}: {fixture.Spans.Texts.FirstOrDefault(span => span.Contains(canary, StringComparison.OrdinalIgnoreCase))}");
        }
    }

    private static IEnumerable<string> UrlsOf(string template, SeededCanaries seeded) =>
        seeded.Urls.TryGetValue(template, out var urls)
            ? urls
            : [Regex.Replace(template, "{([^}]+)}", parameter => seeded.Ids.GetValueOrDefault(parameter.Groups[1].Value) ?? Guid.NewGuid().ToString())];

    /// <summary>The history feed holds back for a moment behind transactions still running; the scan waits until it shows the seeding.</summary>
    private async Task HistoryShowsTheSeededEventsAsync(SeededCanaries seeded)
    {
        if (!seeded.Urls.TryGetValue("/api/history/events", out var feeds))
        {
            return;
        }

        foreach (var feed in feeds)
        {
            var waited = Stopwatch.StartNew();
            JsonNode? events;
            do
            {
                events = JsonNode.Parse((await ReadAsync(feed, PartnerKeys.Analyst)).Text)?["events"];
                if (events?.AsArray().Count > 0)
                {
                    break;
                }

                await Task.Delay(200, Cancellation);
            }
            while (waited.Elapsed < TimeSpan.FromSeconds(20));

            events.ShouldNotBeNull().AsArray().ShouldNotBeEmpty($"the feed {feed} shows the seeded events");
        }
    }

    private async Task<(int Status, string Text)> ReadAsync(string url, string key)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(key).Get.Url(url);
            x.IgnoreStatusCode();
        });
        var status = result.Context.Response.StatusCode;
        var contentType = result.Context.Response.ContentType ?? "";
        if (!contentType.Contains("parquet", StringComparison.OrdinalIgnoreCase) || status != 200)
        {
            return (status, await result.ReadAsTextAsync());
        }

        var file = Path.Combine(Path.GetTempPath(), $"canaries-{Guid.NewGuid():N}.parquet");
        try
        {
            await using (var written = File.Create(file))
            {
                await result.Context.Response.Body.CopyToAsync(written, Cancellation);
            }

            return (status, ParquetAsText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ParquetAsText(string file)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select * from read_parquet('{file}')";
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (var column = 0; column < reader.FieldCount; column++)
            {
                text.Append(Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture)).Append('\t');
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
