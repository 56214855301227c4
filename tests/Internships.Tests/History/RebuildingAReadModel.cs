using System.Diagnostics;
using System.Text.Json;
using Alba;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.History;
using StudentBase.Testing;

namespace Internships.Tests.History;

/// <summary>A corrupted read model is rebuilt from the history, online, and equals the one built live.</summary>
public class RebuildingAReadModel(InternshipsFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_corrupted_read_model_is_restored_by_a_rebuild_and_equals_the_live_one()
    {
        var universityId = await fixture.UniversityAsync();
        var corrupted = await fixture.StudentAsync(universityId);
        var deleted = await fixture.StudentAsync(universityId);
        await using (var session = fixture.Store.LightweightSession())
        {
            var student = await session.LoadAsync<Student>(corrupted, Cancellation);
            student!.Programme = "Corrupted by hand";
            session.Store(student);
            session.Delete<Student>(deleted);
            await session.SaveChangesAsync(Cancellation);
        }

        var started = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Operator).Post.Json(new RebuildRequest("students")).ToUrl("/api/history/rebuilds");
            x.StatusCodeShouldBe(StatusCodes.Status202Accepted);
        });
        var location = started.Context.Response.Headers.Location.ToString();
        var job = await FinishedAsync(location);

        job.State.ShouldBe(RebuildState.Completed, job.Error);
        job.Rebuilt.ShouldBe(job.Streams);
        job.Events.ShouldBeGreaterThanOrEqualTo(job.Streams);
        await using var query = fixture.Store.QuerySession();
        var documents = await query.Query<Student>().ToListAsync(Cancellation);
        documents.Select(document => document.Id).ShouldContain(deleted);
        documents.Single(document => document.Id == corrupted).Programme.ShouldNotBe("Corrupted by hand");
        foreach (var document in documents)
        {
            var live = await query.Events.AggregateStreamAsync<Student>(document.Id, token: Cancellation);
            JsonSerializer.Serialize(document).ShouldBe(JsonSerializer.Serialize(live), $"student {document.Id}");
        }
    }

    [Fact]
    public async Task an_unknown_kind_is_refused_and_an_unknown_job_is_not_found()
    {
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Operator).Post.Json(new RebuildRequest("spaceships")).ToUrl("/api/history/rebuilds");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Operator).Get.Url($"/api/history/rebuilds/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
    }

    private async Task<RebuildJob> FinishedAsync(string location)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var job = (await fixture.Host.Scenario(x => x.As(PartnerKeys.Operator).Get.Url(location))).ReadAsJson<RebuildJob>()!;
            if (job.State != RebuildState.Running || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                return job;
            }

            await Task.Delay(100, Cancellation);
        }
    }
}
