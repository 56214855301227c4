using System.Text.Json.Nodes;
using Alba;
using Internships.Students.ListingStudents;
using Microsoft.AspNetCore.Http;
using StudentBase.Http;
using StudentBase.Testing;
using Wolverine.Http;

namespace Internships.Tests.Students;

public class ListingStudents(InternshipsFixture fixture)
{
    private async Task<Guid> RegisterAsync(Guid universityId, string name)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(new
            {
                universityId,
                fullName = name,
                nationality = "KZ",
                passportNumber = "N12345678",
                programme = "Business Chinese",
                degreeLevel = "Bachelor",
                enrolledOn = "2023-09-01",
                expectedGraduation = "2027-06-30",
                residencePermitExpiry = "2027-08-31",
            }).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return result.ReadAsJson<NewResource<Guid>>().Id;
    }

    private async Task<Page<StudentSummary>> PageAsync(string key, string query) =>
        (await fixture.Host.Scenario(x => x.As(key).Get.Url($"/api/students{query}"))).ReadAsJson<Page<StudentSummary>>();

    [Fact]
    public async Task pages_through_every_student_exactly_once_in_registration_order()
    {
        var universityId = await fixture.UniversityAsync();
        var registered = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            registered.Add(await RegisterAsync(universityId, $"Student {i}"));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(PartnerKeys.BaseAdministrator,
                $"?universityId={universityId}&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.Items.Select(item => item.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        seen.ShouldBe(registered);
        pages.ShouldBe(3);
    }

    [Fact]
    public async Task a_university_lists_only_its_own_students()
    {
        var mine = await RegisterAsync(PartnerKeys.JimeiUniversity, "Jimei student");

        var page = await PageAsync(PartnerKeys.JimeiUniversityKey, $"?limit={Paging.MaxLimit}");

        page.Items.ShouldAllBe(item => item.UniversityId == PartnerKeys.JimeiUniversity);
        page.Items.Select(item => item.Id).ShouldContain(mine);
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.JimeiUniversityKey).Get.Url($"/api/students?universityId={PartnerKeys.XiamenUniversity}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?universityId=not-a-guid", "universityId")]
    public async Task a_bad_page_request_names_the_parameter(string query, string parameter)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Get.Url($"/api/students{query}");
            x.StatusCodeShouldBe(StatusCodes.Status400BadRequest);
        });

        var problem = (await result.ReadAsJsonAsync<JsonObject>())!;
        var named = problem["errors"] is JsonObject errors
            ? errors.ContainsKey(parameter)
            : problem["parameter"]?.GetValue<string>() == parameter;
        named.ShouldBeTrue(problem.ToJsonString());
    }

    [Fact]
    public async Task a_list_carries_no_personal_data()
    {
        await RegisterAsync(await fixture.UniversityAsync(), "Private Person");

        var body = await (await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url("/api/students?limit=200"))).ReadAsTextAsync();

        body.ShouldNotContain("N12345678");
        body.ShouldNotContain("passport", Case.Insensitive);
    }
}
