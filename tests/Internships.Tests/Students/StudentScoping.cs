using System.Text.Json.Nodes;
using Alba;
using Internships.Students;
using Internships.Students.GettingStudent;
using Marten;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.Testing;
using Wolverine.Http;
using Wolverine.Tracking;

namespace Internships.Tests.Students;

/// <summary>Each partner sees and acts only for its own: someone else's record is a 404, never a 403.</summary>
public class StudentScoping(InternshipsFixture fixture)
{
    private async Task<Guid> RegisterAsync(string key, Guid universityId)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(Given.NominationOf(universityId)).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return result.ReadAsJson<NewResource<Guid>>().Id;
    }

    [Fact]
    public async Task a_university_registers_and_reads_its_own_students()
    {
        var studentId = await RegisterAsync(PartnerKeys.XiamenUniversityKey, PartnerKeys.XiamenUniversity);

        var student = (await fixture.Host.Scenario(x => x.As(PartnerKeys.XiamenUniversityKey).Get.Url($"/api/students/{studentId}")))
            .ReadAsJson<StudentDetails>();
        student.UniversityId.ShouldBe(PartnerKeys.XiamenUniversity);
        student.PassportNumber.ShouldBe("******678");
    }

    [Fact]
    public async Task another_universitys_student_is_not_found()
    {
        var studentId = await RegisterAsync(PartnerKeys.XiamenUniversityKey, PartnerKeys.XiamenUniversity);

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.JimeiUniversityKey).Get.Url($"/api/students/{studentId}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
            x.ContentTypeShouldBe("application/problem+json");
        });
    }

    [Fact]
    public async Task a_university_may_not_register_another_universitys_student_and_nothing_is_stored()
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.JimeiUniversityKey).Post.Json(Given.NominationOf(PartnerKeys.XiamenUniversity)).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status403Forbidden);
        });
        (await result.ReadAsJsonAsync<JsonObject>())!["type"]!.GetValue<string>().ShouldBe("/problems/forbidden");
    }

    [Fact]
    public async Task an_applicant_reads_only_their_own_record()
    {
        var studentId = await RegisterAsync(PartnerKeys.BaseAdministrator, PartnerKeys.XiamenUniversity);

        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.Applicant).Get.Url($"/api/students/{studentId}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
    }

    [Fact]
    public async Task an_analyst_reads_the_record_without_personal_data()
    {
        var studentId = await RegisterAsync(PartnerKeys.BaseAdministrator, PartnerKeys.XiamenUniversity);

        var student = (await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url($"/api/students/{studentId}")))
            .ReadAsJson<StudentDetails>();
        student.PassportNumber.ShouldBeNull();
    }

    [Fact]
    public async Task an_analyst_gets_no_name_in_a_record_or_a_list()
    {
        const string key = PartnerKeys.Analyst;
        var universityId = await fixture.UniversityAsync();
        var studentId = await RegisterAsync(PartnerKeys.BaseAdministrator, universityId);

        var record = await fixture.Host.Scenario(x => x.As(key).Get.Url($"/api/students/{studentId}"));
        var list = await fixture.Host.Scenario(x => x.As(key).Get.Url($"/api/students?universityId={universityId}"));

        var answered = (await record.ReadAsJsonAsync<JsonObject>())!;
        answered["id"]!.GetValue<Guid>().ShouldBe(studentId);
        answered["fullName"].ShouldBeNull();
        (await list.ReadAsJsonAsync<JsonObject>())!["items"]!.AsArray().ShouldAllBe(item => item!["fullName"] == null);
        record.Context.Response.Headers.ETag.ToString().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task the_base_and_the_students_own_university_see_the_name()
    {
        var studentId = await RegisterAsync(PartnerKeys.XiamenUniversityKey, PartnerKeys.XiamenUniversity);

        foreach (var key in new[] { PartnerKeys.BaseAdministrator, PartnerKeys.XiamenUniversityKey })
        {
            var student = (await fixture.Host.Scenario(x => x.As(key).Get.Url($"/api/students/{studentId}"))).ReadAsJson<StudentDetails>();
            student.FullName.ShouldBe("Amara Okafor");
        }
    }

    [Fact]
    public async Task the_event_records_which_partner_in_which_role_caused_it_and_the_messages_carry_the_partner_on()
    {
        var studentId = await RegisterAsync(PartnerKeys.XiamenUniversityKey, PartnerKeys.XiamenUniversity);

        var sent = await fixture.Host.EnvelopesInInboxAsync<StudentRegistered>(Queues.EventsInbox, message => message.StudentId == studentId);
        sent.ShouldNotBeEmpty();
        sent.Select(relayed => relayed.Envelope).ShouldAllBe(envelope => envelope.UserName == "xmu-student-system"
            && envelope.Headers[ActorHeaders.PartnerId] == "xmu-student-system"
            && envelope.Headers[ActorHeaders.PartnerRole] == nameof(PartnerRole.University));

        await using var session = fixture.Store.QuerySession();
        var stored = (await session.Events.FetchStreamAsync(studentId, token: TestContext.Current.CancellationToken)).Single();
        stored.Data.ShouldBeOfType<StudentNominated>();
        stored.UserName.ShouldBe("xmu-student-system");
        stored.GetHeader(ActorHeaders.PartnerId).ShouldNotBeNull().ToString().ShouldBe("xmu-student-system");
        stored.GetHeader(ActorHeaders.PartnerRole).ShouldNotBeNull().ToString().ShouldBe(nameof(PartnerRole.University));
    }
}
