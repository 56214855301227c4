using System.Text.Json.Nodes;
using Alba;
using Internships.Students;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.Testing;
using Wolverine.Http;

namespace Internships.Tests;

/// <summary>A POST with an Idempotency-Key can be retried safely.</summary>
public class SafeRetries(InternshipsFixture fixture)
{
    private static object Student(Guid universityId, string name = "Lena Fischer") => new
    {
        universityId,
        fullName = name,
        nationality = "DE",
        passportNumber = "C01X00T47",
        programme = "Business Chinese",
        degreeLevel = "Bachelor",
        enrolledOn = "2022-09-01",
        expectedGraduation = "2026-06-30",
        residencePermitExpiry = "2026-08-31",
    };

    private Task<IScenarioResult> RegisterAsync(object body, string idempotencyKey, int expectedStatus) =>
        fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(body).ToUrl("/api/students");
            x.WithRequestHeader(IdempotencyMiddleware.HeaderName, idempotencyKey);
            x.StatusCodeShouldBe(expectedStatus);
        });

    private async Task<int> StudentsOfAsync(Guid universityId)
    {
        await using var session = fixture.Store.QuerySession();
        return await session.Query<Student>().CountAsync(student => student.UniversityId == universityId, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task a_retry_with_the_same_key_and_body_returns_the_original_response_and_writes_nothing()
    {
        var universityId = await fixture.UniversityAsync();
        var key = Guid.NewGuid().ToString();

        var first = await RegisterAsync(Student(universityId), key, StatusCodes.Status201Created);
        var retry = await RegisterAsync(Student(universityId), key, StatusCodes.Status201Created);

        retry.ReadAsJson<NewResource<Guid>>().Id.ShouldBe(first.ReadAsJson<NewResource<Guid>>().Id);
        retry.Context.Response.Headers.Location.ToString().ShouldBe(first.Context.Response.Headers.Location.ToString());
        retry.Context.Response.Headers[IdempotencyMiddleware.ReplayedHeader].ToString().ShouldBe("true");
        (await StudentsOfAsync(universityId)).ShouldBe(1);
    }

    [Fact]
    public async Task the_request_and_its_kept_answer_are_one_transaction()
    {
        var key = Guid.NewGuid().ToString();
        var created = (await RegisterAsync(Student(await fixture.UniversityAsync()), key, StatusCodes.Status201Created))
            .ReadAsJson<NewResource<Guid>>().Id;

        // PostgreSQL's xmin names the transaction that wrote a row.
        var schema = fixture.Store.Options.Events.DatabaseSchemaName;
        await using var connection = await fixture.Host.OpenAsync();
        await using var writers = new NpgsqlCommand(
            $"""
            select xmin::text from {schema}.mt_events where stream_id = @student
            union select xmin::text from {schema}.mt_doc_student where id = @student
            union select xmin::text from {schema}.mt_doc_idempotentrequest where id = @request
            """, connection);
        writers.Parameters.AddWithValue("student", created);
        writers.Parameters.AddWithValue("request", IdempotentRequest.IdFor("base-operations", key));
        var transactions = new List<string>();
        await using (var reader = await writers.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                transactions.Add(reader.GetString(0));
            }
        }

        transactions.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task the_same_key_with_a_different_body_is_refused()
    {
        var universityId = await fixture.UniversityAsync();
        var key = Guid.NewGuid().ToString();
        await RegisterAsync(Student(universityId), key, StatusCodes.Status201Created);

        var reused = await RegisterAsync(Student(universityId, "Someone Else"), key, StatusCodes.Status422UnprocessableEntity);

        (await reused.ReadAsJsonAsync<JsonObject>())!["type"]!.GetValue<string>().ShouldBe("/problems/idempotency-key-reused");
        (await StudentsOfAsync(universityId)).ShouldBe(1);
    }

    [Fact]
    public async Task keys_belong_to_one_partner()
    {
        var key = Guid.NewGuid().ToString();
        await RegisterAsync(Student(await fixture.UniversityAsync()), key, StatusCodes.Status201Created);

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(Student(PartnerKeys.XiamenUniversity)).ToUrl("/api/students");
            x.WithRequestHeader(IdempotencyMiddleware.HeaderName, key);
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
    }

    [Fact]
    public async Task a_refused_request_is_replayed_as_refused()
    {
        var key = Guid.NewGuid().ToString();
        var invalid = new { nationality = "XX" };

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(invalid).ToUrl("/api/students");
            x.WithRequestHeader(IdempotencyMiddleware.HeaderName, key);
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });
        var retry = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(invalid).ToUrl("/api/students");
            x.WithRequestHeader(IdempotencyMiddleware.HeaderName, key);
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });

        retry.Context.Response.ContentType.ShouldBe("application/problem+json");
        (await retry.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("nationality").ShouldBeTrue();
    }

    [Fact]
    public async Task kept_requests_are_purged_after_their_retention()
    {
        var key = Guid.NewGuid().ToString();
        await RegisterAsync(Student(await fixture.UniversityAsync()), key, StatusCodes.Status201Created);
        var id = IdempotentRequest.IdFor("base-operations", key);
        await using (var session = fixture.Store.LightweightSession())
        {
            var kept = (await session.LoadAsync<IdempotentRequest>(id, TestContext.Current.CancellationToken)).ShouldNotBeNull();
            kept.ExpiresAt.ShouldBeGreaterThanOrEqualTo(kept.CreatedAt + TimeSpan.FromHours(24));
            kept.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            session.Store(kept);
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await fixture.Host.Services.GetRequiredService<ExpiredRequestsPurge>().PurgeAsync(TestContext.Current.CancellationToken);

        await using var query = fixture.Store.QuerySession();
        (await query.LoadAsync<IdempotentRequest>(id, TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task concurrent_retries_create_exactly_one_student_and_all_get_its_answer()
    {
        var universityId = await fixture.UniversityAsync();
        var key = Guid.NewGuid().ToString();

        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(Student(universityId)).ToUrl("/api/students");
            x.WithRequestHeader(IdempotencyMiddleware.HeaderName, key);
            x.WithRequestHeader("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
            x.IgnoreStatusCode();
        })));

        attempts.Select(attempt => attempt.Context.Response.StatusCode).ShouldAllBe(status => status == 201);
        attempts.Count(attempt => attempt.Context.Response.Headers[IdempotencyMiddleware.ReplayedHeader] != "true").ShouldBe(1);
        attempts.Select(attempt => attempt.Context.Response.Headers.Location.ToString()).Distinct().ShouldHaveSingleItem();
        (await StudentsOfAsync(universityId)).ShouldBe(1);
        // The decision log tells of what committed only: the retries' dropped registrations are not "accepted".
        fixture.Logs.Lines.Count(line => line.Contains("RegisterStudent accepted") && line.Contains(traceId)).ShouldBe(1);
    }
}
