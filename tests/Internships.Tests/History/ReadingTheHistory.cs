using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.History;
using StudentBase.PersonalData;
using StudentBase.Testing;

namespace Internships.Tests.History;

/// <summary>An analyst reads the service's whole history in order, page by page or as one stream, without personal data.</summary>
public class ReadingTheHistory(InternshipsFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<Guid> RegisterAsync(string fullName = "Amara Okafor")
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(Given.NominationOf(PartnerKeys.XiamenUniversity, fullName)).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return result.ReadAsJson<JsonObject>()!["id"]!.GetValue<Guid>();
    }

    private async Task<HistoryPage> PageAsync(string query) =>
        (await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url($"/api/history/events?{query}"))).ReadAsJson<HistoryPage>()!;

    private async Task<string> EndOfHistoryAsync()
    {
        var page = await PageAsync("limit=1000");
        while (page.Events.Count > 0)
        {
            page = await PageAsync($"limit=1000&after={page.Next}");
        }

        return page.Next;
    }

    [Fact]
    public async Task every_event_comes_exactly_once_across_pages_while_new_events_arrive()
    {
        var cursor = await EndOfHistoryAsync();
        var writing = Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RegisterAsync()));
        var seen = new List<HistoricalEvent>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var page = await PageAsync($"limit=3&after={cursor}");
            seen.AddRange(page.Events);
            cursor = page.Next;
            if (page.Events.Count > 0)
            {
                continue;
            }

            // The feed shows only settled events: a registration that has committed may still wait behind one in flight.
            if (writing.IsCompleted && (await writing).All(student => seen.Any(@event => @event.StreamId == student)))
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var written = await writing;
        seen.Select(@event => @event.Id).ShouldBeUnique();
        seen.Select(@event => @event.Sequence).ShouldBeInOrder();
        foreach (var studentId in written)
        {
            seen.Count(@event => @event.StreamId == studentId && @event.Type == "student_nominated").ShouldBe(1);
        }
    }

    [Fact]
    public async Task each_event_says_what_where_when_and_why_with_personal_data_masked()
    {
        var studentId = await RegisterAsync("Zainab Haruna");

        var page = await fixture.SettledHistoryAsync($"stream={studentId}", shown => shown.Events.Count > 0);

        var nominated = page.Events.ShouldHaveSingleItem();
        nominated.Type.ShouldBe("student_nominated");
        nominated.Version.ShouldBe(1);
        nominated.Actor.ShouldBe("xmu-student-system");
        nominated.ActorRole.ShouldBe("University");
        nominated.Command.ShouldBe("RegisterStudent");
        nominated.CorrelationId.ShouldNotBeNull();
        nominated.CausationId.ShouldNotBeNull();
        nominated.Data!["encryptedFullName"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        nominated.Data["encryptedPassportNumber"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
        nominated.Data["nationality"]!.GetValue<string>().ShouldBe("NG");
        JsonSerializer.Serialize(page).ShouldNotContain("Zainab");
    }

    [Fact]
    public async Task event_data_is_named_as_the_api_names_it_with_enums_by_name_whatever_shape_it_was_stored_in()
    {
        var studentId = await RegisterAsync();
        var stored = await StoredDataAsync(studentId);
        stored.ShouldMatch("\"DegreeLevel\": [0-9]", "the store writes the event PascalCase with enums as numbers");

        var feed = await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url($"/api/history/events?stream={studentId}"));
        var data = JsonNode.Parse(await feed.ReadAsTextAsync())!["events"]![0]!["data"]!.AsObject();

        data["degreeLevel"]!.GetValue<string>().ShouldBe("Master");
        data["studentId"]!.GetValue<Guid>().ShouldBe(studentId);
        data.Select(member => member.Key).ShouldAllBe(name => char.IsLower(name[0]));
        var line = await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url($"/api/history/events.ndjson?stream={studentId}"));
        JsonNode.Parse((await line.ReadAsTextAsync()).Split('\n')[0])!["data"]!["degreeLevel"]!.GetValue<string>().ShouldBe("Master");
    }

    /// <summary>The event's data exactly as PostgreSQL holds it.</summary>
    private async Task<string> StoredDataAsync(Guid studentId)
    {
        await using var connection = await fixture.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync(Cancellation);
        await using var command = new Npgsql.NpgsqlCommand("select data::text from internships.mt_events where stream_id = $1 and version = 1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = studentId });
        return (string)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    [Fact]
    public async Task the_feed_filters_by_type_stream_and_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var first = await RegisterAsync();
        var second = await RegisterAsync();

        var ofType = await fixture.SettledHistoryAsync($"type=student_nominated&from={Uri.EscapeDataString(before.ToString("O"))}&limit=1000",
            shown => shown.Events.Any(@event => @event.StreamId == second));
        ofType.Events.ShouldAllBe(@event => @event.Type == "student_nominated" && @event.Timestamp >= before);
        ofType.Events.Select(@event => @event.StreamId).ShouldContain(first);
        ofType.Events.Select(@event => @event.StreamId).ShouldContain(second);

        var ended = await PageAsync($"stream={first}&to={Uri.EscapeDataString(before.ToString("O"))}");
        ended.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_whole_history_streams_as_ndjson_in_the_same_order()
    {
        var studentId = await RegisterAsync();

        await fixture.SettledHistoryAsync($"stream={studentId}", shown => shown.Events.Count > 0);
        var result = await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url($"/api/history/events.ndjson?type=student_nominated"));

        result.Context.Response.ContentType.ShouldBe("application/x-ndjson");
        var lines = (await result.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(line => JsonSerializer.Deserialize<HistoricalEvent>(line, JsonSerializerOptions.Web)!).ToList();
        events.ShouldAllBe(@event => @event.Type == "student_nominated");
        events.Select(@event => @event.Sequence).ShouldBeInOrder();
        events.ShouldContain(@event => @event.StreamId == studentId);
    }

    [Theory]
    [InlineData("after=not-a-cursor")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task a_question_the_feed_cannot_answer_is_a_validation_problem(string query)
    {
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Analyst).Get.Url($"/api/history/events?{query}");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });
    }
}
