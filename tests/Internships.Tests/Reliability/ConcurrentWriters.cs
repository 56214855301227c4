using Alba;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Testing;

namespace Internships.Tests.Reliability;

/// <summary>A hundred partners correct one student's record at the same moment: no update is lost, every loser is told.</summary>
public class ConcurrentWriters(InternshipsFixture fixture)
{
    private const int Writers = 100;

    private async Task<int> CorrectAsync(Guid studentId, int writer, string? ifMatch)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(new { programme = $"Programme {writer}", reason = $"Writer {writer}" })
                .ToUrl($"/api/students/{studentId}/corrections");
            if (ifMatch is not null)
            {
                x.WithRequestHeader("If-Match", ifMatch);
            }

            x.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    private async Task<IReadOnlyList<StudentDetailsCorrected>> CorrectionsAsync(Guid studentId)
    {
        await using var session = fixture.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(studentId, token: TestContext.Current.CancellationToken))
            .Select(@event => @event.Data).OfType<StudentDetailsCorrected>()];
    }

    [Fact]
    public async Task every_accepted_write_is_in_the_history_and_every_refused_one_was_answered_409()
    {
        var studentId = await fixture.StudentAsync(await fixture.UniversityAsync());

        var statuses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => CorrectAsync(studentId, writer, null)));

        statuses.ShouldAllBe(status => status == StatusCodes.Status204NoContent || status == StatusCodes.Status409Conflict);
        var accepted = Enumerable.Range(0, Writers).Where(writer => statuses[writer] == StatusCodes.Status204NoContent).ToList();
        accepted.ShouldNotBeEmpty();
        var history = await CorrectionsAsync(studentId);
        history.Count.ShouldBe(accepted.Count);
        history.Select(correction => correction.Reason).ShouldBe(accepted.Select(writer => $"Writer {writer}"), ignoreOrder: true);
    }

    [Fact]
    public async Task with_the_same_etag_exactly_one_write_wins_and_the_others_are_told_409_or_412()
    {
        var studentId = await fixture.StudentAsync(await fixture.UniversityAsync());
        var read = await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url($"/api/students/{studentId}"));
        var etag = read.Context.Response.Headers.ETag.ToString();

        var statuses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => CorrectAsync(studentId, writer, etag)));

        statuses.Count(status => status == StatusCodes.Status204NoContent).ShouldBe(1);
        statuses.Where(status => status != StatusCodes.Status204NoContent)
            .ShouldAllBe(status => status == StatusCodes.Status409Conflict || status == StatusCodes.Status412PreconditionFailed);
        var winner = Array.IndexOf(statuses, StatusCodes.Status204NoContent);
        (await CorrectionsAsync(studentId)).ShouldHaveSingleItem().Reason.ShouldBe($"Writer {winner}");
    }
}
