using System.Text.Json.Nodes;
using Alba;
using Internships.Students;
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

public class RegisteringAStudent(InternshipsFixture fixture)
{
    private const string PassportNumber = "GB9876543";

    private static object Daniel(Guid universityId) => new
    {
        universityId,
        fullName = "Daniel Smith",
        nationality = "gb",
        passportNumber = PassportNumber,
        programme = "Business Chinese",
        degreeLevel = "Bachelor",
        enrolledOn = "2021-09-01",
        expectedGraduation = "2025-06-30",
        residencePermitExpiry = "2025-08-31",
    };

    [Fact]
    public async Task stores_the_student_and_publishes_student_registered_without_the_passport_number()
    {
        var universityId = await fixture.UniversityAsync();
        IScenarioResult result = null!;

        result = await fixture.Host.Scenario(x =>
        {
            x.Post.Json(Daniel(universityId)).ToUrl("/api/students");
            x.As(PartnerKeys.BaseAdministrator);
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });

        var created = result.ReadAsJson<NewResource<Guid>>();
        result.Context.Response.Headers.Location.ToString().ShouldBe($"/api/students/{created.Id}");

        foreach (var inbox in new[] { Queues.EventsInbox, Queues.SubsidiesInbox })
        {
            var published = (await fixture.Host.InInboxAsync<StudentRegistered>(inbox, message => message.StudentId == created.Id)).ShouldHaveSingleItem();
            published.ShouldBe(new StudentRegistered(
                created.Id, universityId, published.EncryptedFullName, "GB", "Business Chinese", DegreeLevel.Bachelor,
                new DateOnly(2021, 9, 1), new DateOnly(2025, 6, 30), published.RegisteredAt));
            var key = (await fixture.Host.InInboxAsync<PersonalDataKeyShared>(inbox, message => message.SubjectId == created.Id)).ShouldHaveSingleItem();
            published.EncryptedFullName.ShouldNotContain("Daniel");
            new PersonalDataKey { Id = key.SubjectId, Key = key.Key }.Reveal(published.EncryptedFullName).ShouldBe("Daniel Smith");
        }

        var student = (await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url($"/api/students/{created.Id}")))
            .ReadAsJson<StudentDetails>();
        student.FullName.ShouldBe("Daniel Smith");
        student.Nationality.ShouldBe("GB");
        student.UniversityId.ShouldBe(universityId);
        student.DegreeLevel.ShouldBe(DegreeLevel.Bachelor);
        student.PassportNumber.ShouldBe("******543");
        student.Version.ShouldBe(1);
    }

    [Fact]
    public async Task a_student_of_an_unregistered_university_is_refused()
    {
        var result = await fixture.TryAsync(HttpMethod.Post, "/api/students", Daniel(Guid.CreateVersion7()));

        (await result.RuleAsync()).ShouldBe("students-are-nominated-by-a-registered-university");
    }

    [Fact]
    public async Task never_stores_logs_traces_or_returns_the_passport_number_in_clear()
    {
        var universityId = await fixture.UniversityAsync();
        var result = await fixture.Host.Scenario(x =>
        {
            x.Post.Json(Daniel(universityId)).ToUrl("/api/students");
            x.As(PartnerKeys.BaseAdministrator);
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        var studentId = result.ReadAsJson<NewResource<Guid>>().Id;

        var body = await (await fixture.Host.Scenario(x => x.As(PartnerKeys.BaseAdministrator).Get.Url($"/api/students/{studentId}"))).ReadAsTextAsync();
        body.ShouldNotContain(PassportNumber);

        await using var session = fixture.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(studentId, token: TestContext.Current.CancellationToken);
        var stored = events.Single().Data.ShouldBeOfType<StudentNominated>();
        stored.EncryptedPassportNumber.ShouldNotContain(PassportNumber);
        var rawEvents = await session.AdvancedSql.QueryAsync<string>(
            "select data::text from internships.mt_events where stream_id = ?", TestContext.Current.CancellationToken, studentId);
        rawEvents.ShouldAllBe(json => !json.Contains(PassportNumber));

        fixture.Logs.Lines.ShouldAllBe(line => !line.Contains(PassportNumber));
        fixture.Spans.Texts.ShouldNotBeEmpty();
        fixture.Spans.Texts.ShouldAllBe(span => !span.Contains(PassportNumber));
    }

    [Fact]
    public async Task an_unknown_student_is_a_not_found_problem()
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.Get.Url($"/api/students/{Guid.CreateVersion7()}");
            x.As(PartnerKeys.BaseAdministrator);
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
            x.ContentTypeShouldBe("application/problem+json");
        });

        (await result.ReadAsJsonAsync<JsonObject>())!["status"]!.GetValue<int>().ShouldBe(404);
    }

    public static TheoryData<string, string> InvalidRegistrations => new()
    {
        { """{"nationality":"XX"}""", "nationality" },
        { """{"nationality":"CN"}""", "nationality" },
        { """{"enrolledOn":"2024-09-01","expectedGraduation":"2024-06-30"}""", "expectedGraduation" },
        { """{"passportNumber":"E1 2/34"}""", "passportNumber" },
        { """{"fullName":""}""", "fullName" },
        { """{"universityId":"00000000-0000-0000-0000-000000000000"}""", "universityId" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task invalid_input_is_a_bad_request_naming_the_field_and_stores_nothing(string changes, string field)
    {
        var universityId = await fixture.UniversityAsync();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Daniel(universityId)))!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(changes)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        var tracked = await fixture.Host.TrackAsync(async () =>
        {
            var result = await fixture.Host.Scenario(x =>
            {
                x.Post.Text(body.ToJsonString()).ToUrl("/api/students");
                x.As(PartnerKeys.BaseAdministrator);
                x.WithRequestHeader("Content-Type", "application/json");
                x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
                x.ContentTypeShouldBe("application/problem+json");
            });
            var problem = (await result.ReadAsJsonAsync<JsonObject>())!;
            problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(problem.ToJsonString());
        });

        tracked.Sent.AllMessages().ShouldBeEmpty();
        await ShouldHaveNoStudentsOf(universityId);
    }

    [Fact]
    public async Task missing_fields_are_all_named()
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.Post.Json(new { }).ToUrl("/api/students");
            x.As(PartnerKeys.BaseAdministrator);
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });

        var errors = (await result.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(error => error.Key).ShouldBe(
            ["universityId", "fullName", "nationality", "passportNumber", "programme", "degreeLevel",
             "enrolledOn", "expectedGraduation", "residencePermitExpiry"],
            ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"universityId":""", "$.universityId")]
    [InlineData("""{"degreeLevel":"Kindergarten"}""", "$.degreeLevel")]
    [InlineData("""{"degreeLevel":2}""", "$.degreeLevel")]
    [InlineData("""{"enrolledOn":"1 September"}""", "$.enrolledOn")]
    [InlineData("""{"residencePermitExpiry":null}""", "$.residencePermitExpiry")]
    [InlineData("""null""", "request body")]
    public async Task an_unreadable_body_is_a_bad_request_problem_naming_where_it_failed(string body, string named)
    {
        var tracked = await fixture.Host.TrackAsync(async () =>
        {
            var result = await fixture.Host.Scenario(x =>
            {
                x.Post.Text(body).ToUrl("/api/students");
                x.As(PartnerKeys.BaseAdministrator);
                x.WithRequestHeader("Content-Type", "application/json");
                x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
                x.ContentTypeShouldBe("application/problem+json");
            });
            (await result.ReadAsTextAsync()).ShouldContain(named);
        });

        tracked.Sent.AllMessages().ShouldBeEmpty();
    }

    private async Task ShouldHaveNoStudentsOf(Guid universityId)
    {
        await using var session = fixture.Store.QuerySession();
        var count = await session.Query<Student>().CountAsync(student => student.UniversityId == universityId, TestContext.Current.CancellationToken);
        count.ShouldBe(0);
        var keys = await session.Events.QueryRawEventDataOnly<StudentNominated>()
            .CountAsync(nominated => nominated.UniversityId == universityId, TestContext.Current.CancellationToken);
        keys.ShouldBe(0);
    }
}
