using System.Collections.Concurrent;
using System.Diagnostics;
using Alba;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Http;
using StudentBase.Testing;

namespace Internships.Tests.Reliability;

/// <summary>A service on a PostgreSQL cluster of its own, which the test stops and starts again.</summary>
public sealed class RestartableDatabaseFixture : InternshipsFixture
{
    protected override Task<PostgresServer> StartServerAsync() => PostgresServer.StartLocalAsync();
}

/// <summary>
/// PostgreSQL goes away under load and comes back: the service says it is unhealthy and answers 503 problem details while
/// it is gone, recovers by itself when it returns, and every command it accepted is in the history.
/// </summary>
public class DatabaseRestart(RestartableDatabaseFixture fixture) : IClassFixture<RestartableDatabaseFixture>
{
    private const int Writers = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task while_the_database_is_down_partners_get_503_and_after_it_returns_nothing_accepted_is_lost()
    {
        var cluster = fixture.Server.Cluster!;
        var universityId = await fixture.UniversityAsync();
        var accepted = new ConcurrentBag<Guid>();
        var refused = new ConcurrentBag<(int Status, string? ContentType, TimeSpan At, string Body)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await fixture.Host.Scenario(x =>
                {
                    x.As(PartnerKeys.BaseAdministrator).Post.Json(Given.NominationOf(universityId)).ToUrl("/api/students");
                    x.IgnoreStatusCode();
                });
                if (result.Context.Response.StatusCode == StatusCodes.Status201Created)
                {
                    accepted.Add(result.ReadAsJson<NewResource<Guid>>().Id);
                }
                else
                {
                    refused.Add((result.Context.Response.StatusCode, result.Context.Response.ContentType, clock.Elapsed, result.ReadAsText()));
                }
            }
        })).ToList();

        await WaitUntilAsync(() => Task.FromResult(accepted.Count >= 20));
        var down = clock.Elapsed;
        await cluster.StopServerAsync(Cancellation);
        await WaitUntilAsync(async () => await HealthAsync() == StatusCodes.Status503ServiceUnavailable);
        // A partner's command while the database is away: answered, not left hanging until it returns.
        var whileDown = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(Given.NominationOf(universityId)).ToUrl("/api/students");
            x.IgnoreStatusCode();
        });
        whileDown.Context.Response.StatusCode.ShouldBe(StatusCodes.Status503ServiceUnavailable, whileDown.ReadAsText());
        whileDown.Context.Response.ContentType.ShouldBe("application/problem+json");
        whileDown.Context.Response.Headers.RetryAfter.ToString().ShouldNotBeEmpty();
        var acceptedBeforeRestart = accepted.Count;
        await Task.Delay(TimeSpan.FromSeconds(2), Cancellation);
        await cluster.StartServerAsync(Cancellation);
        var up = clock.Elapsed;

        await WaitUntilAsync(() => Task.FromResult(accepted.Count >= acceptedBeforeRestart + 20));
        var recovered = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        (await HealthAsync()).ShouldBe(StatusCodes.Status200OK, "the service recovers by itself");

        var answers = string.Join("\n", refused.OrderBy(answer => answer.At).Select(answer => $"{answer.At}: {answer.Status} {answer.Body}"));
        refused.ShouldAllBe(answer => answer.Status == StatusCodes.Status503ServiceUnavailable && answer.ContentType == "application/problem+json",
            answers);
        refused.ShouldAllBe(answer => answer.At >= down && answer.At <= recovered,
            $"refusals only while the database was away (stopped at {down}, started at {up}, writes back by {recovered}):\n{answers}");

        await using var session = fixture.Store.QuerySession();
        foreach (var student in accepted)
        {
            (await session.Events.FetchStreamAsync(student, token: Cancellation)).ShouldContain(@event => @event.Data is StudentNominated,
                $"accepted student {student} is in the history");
        }
    }

    private async Task<int> HealthAsync()
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.Get.Url("/health");
            x.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            waited.Elapsed.ShouldBeLessThan(Patience);
            await Task.Delay(100, Cancellation);
        }
    }
}
