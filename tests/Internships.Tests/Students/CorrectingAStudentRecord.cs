using System.Text.Json.Nodes;
using Alba;
using Internships.Students;
using Internships.Students.CorrectingStudentRecord;
using Internships.Students.GettingStudent;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.PersonalData;
using StudentBase.Testing;
using Wolverine.Http;

namespace Internships.Tests.Students;

public class CorrectingAStudentRecord(InternshipsFixture fixture)
{
    private async Task<(Guid Id, string ETag)> RegisterAsync()
    {
        var created = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new
            {
                universityId = PartnerKeys.XiamenUniversity,
                fullName = "Daniel Smyth",
                nationality = "GB",
                passportNumber = "GB9876543",
                programme = "Business Chinese",
                degreeLevel = "Bachelor",
                enrolledOn = "2021-09-01",
                expectedGraduation = "2025-06-30",
                residencePermitExpiry = "2025-08-31",
            }).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        var id = created.ReadAsJson<NewResource<Guid>>().Id;
        var read = await fixture.Host.Scenario(x => x.As(PartnerKeys.XiamenUniversityKey).Get.Url($"/api/students/{id}"));
        return (id, read.Context.Response.Headers.ETag.ToString());
    }

    private Task<IScenarioResult> CorrectAsync(Guid id, object correction, string? ifMatch, string key = PartnerKeys.XiamenUniversityKey) =>
        fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(correction).ToUrl($"/api/students/{id}/corrections");
            if (ifMatch is not null)
            {
                x.WithRequestHeader("If-Match", ifMatch);
            }

            x.IgnoreStatusCode();
        });

    [Fact]
    public async Task a_read_answers_the_stream_version_as_its_etag_and_a_matching_write_moves_it_on()
    {
        var (id, etag) = await RegisterAsync();
        etag.ShouldBe("\"1\"");

        var result = await CorrectAsync(id, new { fullName = "Daniel Smith", reason = "typo in the surname" }, etag);

        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status204NoContent);
        result.Context.Response.Headers.ETag.ToString().ShouldBe("\"2\"");
        var student = (await fixture.Host.Scenario(x => x.As(PartnerKeys.XiamenUniversityKey).Get.Url($"/api/students/{id}")))
            .ReadAsJson<StudentDetails>();
        student.FullName.ShouldBe("Daniel Smith");
        student.Version.ShouldBe(2);

        await using var session = fixture.Store.QuerySession();
        var history = await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken);
        history.Select(e => e.Data.GetType()).ShouldBe([typeof(StudentNominated), typeof(StudentDetailsCorrected)]);
        var key = await session.LoadAsync<PersonalDataKey>(id, TestContext.Current.CancellationToken);
        key.ShouldNotBeNull().Reveal(history[0].Data.ShouldBeOfType<StudentNominated>().EncryptedFullName).ShouldBe("Daniel Smyth");
        history[1].Data.ShouldBeOfType<StudentDetailsCorrected>().EncryptedFullName.ShouldNotContain("Smith");
    }

    [Fact]
    public async Task a_stale_etag_is_a_failed_precondition_and_changes_nothing()
    {
        var (id, staleETag) = await RegisterAsync();
        (await CorrectAsync(id, new { programme = "Chinese Language", reason = "transferred" }, staleETag)).Context.Response.StatusCode.ShouldBe(204);

        var result = await CorrectAsync(id, new { fullName = "Someone Else", reason = "stale" }, staleETag);

        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status412PreconditionFailed);
        (await result.ReadAsJsonAsync<JsonObject>())!["type"]!.GetValue<string>().ShouldBe("/problems/precondition-failed");
        await using var session = fixture.Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id, TestContext.Current.CancellationToken))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task concurrent_writers_lose_no_update()
    {
        var (id, etag) = await RegisterAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            CorrectAsync(id, new { programme = $"Programme {i}", reason = "concurrent" }, etag)));

        var statuses = attempts.Select(attempt => attempt.Context.Response.StatusCode).ToList();
        statuses.Count(status => status == StatusCodes.Status204NoContent).ShouldBe(1);
        statuses.ShouldAllBe(status => status == 204 || status == 409 || status == 412);
        await using var session = fixture.Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(id, TestContext.Current.CancellationToken))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task another_universitys_student_cannot_be_corrected()
    {
        var (id, _) = await RegisterAsync();

        var result = await CorrectAsync(id, new { fullName = "Hijacked", reason = "x" }, null, PartnerKeys.JimeiUniversityKey);

        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
    }

    [Theory]
    [InlineData("""{"reason":"nothing named"}""", "correction")]
    [InlineData("""{"fullName":"Daniel"}""", "reason")]
    [InlineData("""{"expectedGraduation":"2020-01-01","reason":"before enrolment"}""", "expectedGraduation")]
    public async Task an_invalid_correction_names_the_field(string body, string field)
    {
        var (id, _) = await RegisterAsync();

        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Text(body).ToUrl($"/api/students/{id}/corrections");
            x.WithRequestHeader("Content-Type", "application/json");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });

        (await result.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue();
    }
}

/// <summary>The correction decider: given the student, when a correction, then its event (or none).</summary>
public class DecidingACorrection
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private const string CurrentName = "Daniel Smyth";

    private static Student Daniel() => Student.Create(new StudentNominated(
        Guid.CreateVersion7(), Guid.CreateVersion7(), Sealed(CurrentName), "GB", "sealed", "Business Chinese", DegreeLevel.Bachelor,
        new DateOnly(2021, 9, 1), new DateOnly(2025, 6, 30), new DateOnly(2025, 8, 31), Now.AddYears(-1)));

    private static string Sealed(string name) => $"sealed:{name}";

    private static StudentDetailsCorrected? Decide(Student student, CorrectStudentRecord correction) =>
        CorrectStudentRecord.Decide(student, CurrentName, correction, Sealed, Now);

    [Fact]
    public void a_correction_carries_the_new_values_sealed_and_keeps_the_rest()
    {
        var student = Daniel();

        var corrected = Decide(student, new CorrectStudentRecord("Daniel Smith", null, null, null, null, "typo"));

        corrected.ShouldBe(new StudentDetailsCorrected(student.Id, Sealed("Daniel Smith"), "Business Chinese", DegreeLevel.Bachelor,
            new DateOnly(2025, 6, 30), new DateOnly(2025, 8, 31), "typo", Now));
    }

    [Fact]
    public void a_correction_that_leaves_the_name_keeps_it_sealed_as_it_was()
    {
        var student = Daniel();

        Decide(student, new CorrectStudentRecord(null, null, DegreeLevel.Master, null, null, "upgraded"))!
            .EncryptedFullName.ShouldBe(student.EncryptedFullName);
    }

    [Fact]
    public void a_correction_that_changes_nothing_decides_nothing()
    {
        var student = Daniel();

        Decide(student, new CorrectStudentRecord("Daniel Smyth", "Business Chinese", null, null, null, "again")).ShouldBeNull();
    }

    [Fact]
    public void a_correction_recorded_before_names_were_sealed_keeps_the_sealed_name()
    {
        var student = Daniel();

        student.Apply(new StudentDetailsCorrected(student.Id, "", "Data Science", DegreeLevel.Master, new DateOnly(2026, 6, 30),
            new DateOnly(2026, 8, 31), "earlier", Now, FullName: "Daniel Smyth"));

        student.EncryptedFullName.ShouldBe(Sealed(CurrentName));
        student.Programme.ShouldBe("Data Science");
    }

    [Fact]
    public void applying_the_correction_changes_the_record()
    {
        var student = Daniel();
        var corrected = Decide(student, new CorrectStudentRecord("Daniel Smith", null, DegreeLevel.Master, null, null, "upgraded"))!;

        student.Apply(corrected);

        student.DegreeLevel.ShouldBe(DegreeLevel.Master);
        student.EncryptedFullName.ShouldBe(Sealed("Daniel Smith"));
    }
}
