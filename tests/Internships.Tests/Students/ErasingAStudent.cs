using System.Text.Json.Nodes;
using Alba;
using Internships.Students;
using Internships.Students.ErasingStudent;
using Internships.Students.GettingStudent;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.PersonalData;
using StudentBase.Testing;
using Wolverine.Http;
using Wolverine.Tracking;

namespace Internships.Tests.Students;

/// <summary>Erasure at the student's request (PIPL art. 47, GDPR art. 17): the person is gone, the facts stay.</summary>
public class ErasingAStudent(InternshipsFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(Guid Id, string Name, string Passport)> RegisterAsync()
    {
        var name = $"Canary {Guid.NewGuid():N}";
        var passport = $"CY{Random.Shared.Next(10_000_000, 99_999_999)}";
        var created = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new
            {
                universityId = PartnerKeys.XiamenUniversity,
                fullName = name,
                nationality = "GB",
                passportNumber = passport,
                programme = "Business Chinese",
                degreeLevel = "Bachelor",
                enrolledOn = "2021-09-01",
                expectedGraduation = "2025-06-30",
                residencePermitExpiry = "2025-08-31",
            }).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return (created.ReadAsJson<NewResource<Guid>>().Id, name, passport);
    }

    private Task<IScenarioResult> EraseAsync(Guid id, object body, string key = PartnerKeys.BaseAdministrator) =>
        fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(body).ToUrl($"/api/students/{id}/erasure");
            x.IgnoreStatusCode();
        });

    private async Task<StudentDetails> ReadAsync(Guid id, string key = PartnerKeys.BaseAdministrator) =>
        (await fixture.Host.Scenario(x => x.As(key).Get.Url($"/api/students/{id}"))).ReadAsJson<StudentDetails>();

    [Fact]
    public async Task no_table_holds_a_students_name_or_passport_number_in_clear()
    {
        var (id, name, passport) = await RegisterAsync();
        (await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new { fullName = name + " Jr", reason = "suffix" }).ToUrl($"/api/students/{id}/corrections");
            x.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString());
            x.StatusCodeShouldBe(StatusCodes.Status204NoContent);
        })).ShouldNotBeNull();

        (await ReadAsync(id)).FullName.ShouldBe(name + " Jr");
        (await fixture.Host.TablesContainingAsync(name, Cancellation)).ShouldBeEmpty();
        (await fixture.Host.TablesContainingAsync(passport, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_base_erases_a_student_who_then_has_no_name_or_passport_for_anyone_while_the_facts_stay()
    {
        var (id, name, _) = await RegisterAsync();
        (await ReadAsync(id)).FullName.ShouldBe(name);

        var result = await EraseAsync(id, new { reason = "The student's written request of 2026-11-30." });

        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status200OK);
        var erasure = result.ReadAsJson<StudentErasure>();
        erasure.StudentId.ShouldBe(id);
        erasure.ErasedBy.ShouldBe("base-operations");
        erasure.Reason.ShouldBe("The student's written request of 2026-11-30.");
        foreach (var inbox in new[] { Queues.EventsInbox, Queues.SubsidiesInbox })
        {
            (await fixture.Host.InInboxAsync<StudentPersonalDataErased>(inbox, message => message.StudentId == id)).ShouldHaveSingleItem();
        }

        foreach (var key in new[] { PartnerKeys.BaseAdministrator, PartnerKeys.XiamenUniversityKey, PartnerKeys.Analyst })
        {
            var student = await ReadAsync(id, key);
            student.FullName.ShouldBeNull();
            student.PassportNumber.ShouldBeNull();
            student.ErasedAt.ShouldBe(erasure.ErasedAt);
            student.Nationality.ShouldBe("GB");
            student.Programme.ShouldBe("Business Chinese");
        }

        var listed = new List<JsonNode?>();
        string? cursor = null;
        do
        {
            var page = (await (await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator)
                .Get.Url($"/api/students?universityId={PartnerKeys.XiamenUniversity}&limit=200{(cursor is null ? "" : $"&cursor={cursor}")}")))
                .ReadAsJsonAsync<JsonObject>())!;
            listed.AddRange(page["items"]!.AsArray());
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        var listedStudent = listed.Single(item => item!["id"]!.GetValue<Guid>() == id)!;
        listedStudent["fullName"].ShouldBeNull();
        listedStudent["programme"]!.GetValue<string>().ShouldBe("Business Chinese");
    }

    [Fact]
    public async Task a_read_model_rebuilt_from_the_events_does_not_bring_the_name_back()
    {
        var (id, _, _) = await RegisterAsync();
        (await EraseAsync(id, new { reason = "request" })).Context.Response.StatusCode.ShouldBe(StatusCodes.Status200OK);

        await using var session = fixture.Store.LightweightSession();
        var rebuilt = await session.Events.AggregateStreamAsync<Student>(id, token: Cancellation);
        var key = await session.LoadAsync<PersonalDataKey>(id, Cancellation);

        key.ShouldNotBeNull().IsErased.ShouldBeTrue();
        key.Key.ShouldBeEmpty();
        key.Reveal(rebuilt.ShouldNotBeNull().EncryptedFullName).ShouldBeNull();
        key.Reveal(rebuilt.EncryptedPassportNumber).ShouldBeNull();
        rebuilt.Erasure.ShouldNotBeNull();
    }

    [Fact]
    public async Task asking_again_answers_the_first_erasure_and_changes_nothing()
    {
        var (id, _, _) = await RegisterAsync();
        var first = (await EraseAsync(id, new { reason = "first request" })).ReadAsJson<StudentErasure>();

        await EraseAsync(id, new { reason = "second request" });
        var again = await EraseAsync(id, new { reason = "third request" });

        again.Context.Response.StatusCode.ShouldBe(StatusCodes.Status200OK);
        again.ReadAsJson<StudentErasure>().ShouldBe(first);
        await fixture.Host.RelayCaughtUpAsync();
        (await fixture.Host.InInboxAsync<StudentPersonalDataErased>(Queues.EventsInbox, message => message.StudentId == id))
            .ShouldHaveSingleItem();
        await using var session = fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(id, token: Cancellation)).Count(e => e.Data is StudentErased).ShouldBe(1);
    }

    [Fact]
    public async Task an_erased_students_record_is_not_corrected_again()
    {
        var (id, _, _) = await RegisterAsync();
        await EraseAsync(id, new { reason = "request" });

        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(new { fullName = "Someone", reason = "after erasure" }).ToUrl($"/api/students/{id}/corrections");
            x.StatusCodeShouldBe(StatusCodes.Status422UnprocessableEntity);
        });

        (await result.ReadAsJsonAsync<JsonObject>())!["rule"]!.GetValue<string>().ShouldBe("an-erased-student-is-not-changed");
    }

    [Theory]
    [InlineData(PartnerKeys.XiamenUniversityKey)]
    [InlineData(PartnerKeys.Analyst)]
    public async Task only_the_base_erases(string key)
    {
        var (id, name, _) = await RegisterAsync();

        (await EraseAsync(id, new { reason = "request" }, key)).Context.Response.StatusCode.ShouldBe(StatusCodes.Status403Forbidden);

        (await ReadAsync(id)).FullName.ShouldBe(name);
    }

    [Fact]
    public async Task an_erasure_without_a_reason_is_refused_and_erases_nothing()
    {
        var (id, name, _) = await RegisterAsync();

        var result = await EraseAsync(id, new { reason = "" });

        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
        (await result.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("reason").ShouldBeTrue();
        (await ReadAsync(id)).FullName.ShouldBe(name);
    }
}
