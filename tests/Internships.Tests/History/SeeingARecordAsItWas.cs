using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Http;
using StudentBase.History;
using StudentBase.PersonalData;
using StudentBase.Testing;

namespace Internships.Tests.History;

/// <summary>An analyst sees a student's record as it was before a correction, by moment or by version, and its whole timeline.</summary>
public class SeeingARecordAsItWas(InternshipsFixture fixture)
{
    private async Task<(Guid StudentId, DateTimeOffset BeforeCorrection)> RegisteredThenCorrectedAsync()
    {
        var registered = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(Given.NominationOf(PartnerKeys.XiamenUniversity, "Zainab Haruna")).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        var studentId = registered.ReadAsJson<JsonObject>()!["id"]!.GetValue<Guid>();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        var beforeCorrection = DateTimeOffset.UtcNow;
        await Task.Delay(50, TestContext.Current.CancellationToken);
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new { programme = "Data Science", reason = "Changed programme in the first week." })
                .ToUrl($"/api/students/{studentId}/corrections");
            x.StatusCodeShouldBe(StatusCodes.Status204NoContent);
        });
        return (studentId, beforeCorrection);
    }

    private async Task<AggregateAsOf> AsOfAsync(string url) =>
        (await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url(url))).ReadAsJson<AggregateAsOf>()!;

    [Fact]
    public async Task the_record_as_it_was_at_a_moment_and_after_a_version_and_as_it_is()
    {
        var (studentId, beforeCorrection) = await RegisteredThenCorrectedAsync();

        var then = await AsOfAsync($"/api/history/aggregates/students/{studentId}?at={Uri.EscapeDataString(beforeCorrection.ToString("O"))}");
        then.Version.ShouldBe(1);
        then.State!["programme"]!.GetValue<string>().ShouldBe("Software Engineering");

        var firstVersion = await AsOfAsync($"/api/history/aggregates/students/{studentId}?version=1");
        firstVersion.State!["programme"]!.GetValue<string>().ShouldBe("Software Engineering");

        var now = await AsOfAsync($"/api/history/aggregates/students/{studentId}");
        now.Version.ShouldBe(2);
        now.State!["programme"]!.GetValue<string>().ShouldBe("Data Science");
        now.State["encryptedFullName"]!.GetValue<string>().ShouldBe(PersonalDataMasking.Masked);
    }

    [Fact]
    public async Task the_timeline_shows_every_event_with_the_state_after_it()
    {
        var (studentId, _) = await RegisteredThenCorrectedAsync();

        var result = await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url($"/api/history/aggregates/students/{studentId}/timeline"));

        var timeline = result.ReadAsJson<AggregateTimeline>()!;
        timeline.Entries.Select(entry => entry.Event.Type).ShouldBe(["student_nominated", "student_details_corrected"]);
        timeline.Entries.Select(entry => entry.State!["programme"]!.GetValue<string>()).ShouldBe(["Software Engineering", "Data Science"]);
        (await result.ReadAsTextAsync()).ShouldNotContain("Zainab");
    }

    [Fact]
    public async Task a_record_before_it_existed_or_of_an_unknown_kind_is_not_found()
    {
        var (studentId, _) = await RegisteredThenCorrectedAsync();

        foreach (var url in new[]
                 {
                     $"/api/history/aggregates/students/{studentId}?at=2000-01-01T00:00:00Z",
                     $"/api/history/aggregates/spaceships/{studentId}",
                     $"/api/history/aggregates/students/{Guid.CreateVersion7()}/timeline",
                 })
        {
            await fixture.Host.Scenario(x =>
            {
                x.As(PartnerKeys.Analyst).Get.Url(url);
                x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
            });
        }
    }
}
