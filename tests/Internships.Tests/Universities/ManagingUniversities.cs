using System.Text.Json.Nodes;
using Internships.Universities.Getting;
using Internships.Universities.Listing;
using Microsoft.AspNetCore.Http;
using StudentBase.Http;
using StudentBase.Testing;

namespace Internships.Tests.Universities;

public class ManagingUniversities(InternshipsFixture fixture)
{
    [Fact]
    public async Task a_university_is_registered_with_its_coordinator_shown_only_to_the_base_and_itself()
    {
        var id = await fixture.UniversityAsync("Huaqiao University College of Chinese Language and Culture " + Guid.NewGuid().ToString("N")[..6]);
        var ownKey = await fixture.KeyAsync("University", id);

        (await fixture.GetAsync<UniversityDetails>($"/api/universities/{id}")).Coordinator!.Name.ShouldBe("Chen Jing");
        (await fixture.GetAsync<UniversityDetails>($"/api/universities/{id}", ownKey)).Coordinator!.Email.ShouldBe("coordinator@university.example");
        (await fixture.GetAsync<UniversityDetails>($"/api/universities/{id}", PartnerKeys.Company)).Coordinator.ShouldBeNull();
        (await fixture.GetAsync<UniversityDetails>($"/api/universities/{id}", PartnerKeys.XiamenUniversityKey)).Coordinator.ShouldBeNull();
        fixture.Logs.Lines.ShouldAllBe(line => !line.Contains("coordinator@university.example"));
    }

    [Fact]
    public async Task the_university_names_a_new_coordinator_and_the_earlier_one_stays_in_the_history()
    {
        var id = await fixture.UniversityAsync();
        var ownKey = await fixture.KeyAsync("University", id);
        var coordinator = new { name = "Wang Fang", phone = "+86 592 618 0000", email = "wang.fang@university.example" };

        for (var attempt = 0; attempt < 2; attempt++)
        {
            await fixture.Host.Scenario(x =>
            {
                x.As(ownKey).Put.Json(coordinator).ToUrl($"/api/universities/{id}/coordinator");
                x.StatusCodeShouldBe(StatusCodes.Status204NoContent);
            });
        }

        var details = await fixture.GetAsync<UniversityDetails>($"/api/universities/{id}");
        details.Coordinator!.Name.ShouldBe("Wang Fang");
        details.Version.ShouldBe(2);

        var otherKey = PartnerKeys.JimeiUniversityKey;
        await fixture.Host.Scenario(x =>
        {
            x.As(otherKey).Put.Json(coordinator).ToUrl($"/api/universities/{id}/coordinator");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
    }

    [Fact]
    public async Task one_registration_per_university()
    {
        var name = $"Jimei University {Guid.NewGuid():N}";
        await fixture.UniversityAsync(name);

        var again = await fixture.TryAsync(HttpMethod.Post, "/api/universities",
            new { name, city = "Xiamen", coordinator = new { name = "A", phone = "+86 592 000 0000", email = "a@b.example" } });

        (await again.RuleAsync()).ShouldBe("one-registration-per-university");
    }

    [Fact]
    public async Task universities_are_listed_without_personal_data()
    {
        var id = await fixture.UniversityAsync();
        var found = false;
        string? cursor = null;
        do
        {
            var page = await fixture.GetAsync<Page<UniversitySummary>>($"/api/universities?limit=200{(cursor is null ? "" : "&cursor=" + cursor)}",
                PartnerKeys.Applicant);
            found |= page.Items.Any(university => university.Id == id);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        found.ShouldBeTrue();
        var raw = await fixture.Host.Scenario(x => x.As(PartnerKeys.Applicant).Get.Url("/api/universities"));
        (await raw.ReadAsTextAsync()).ShouldNotContain("coordinator");
    }

    [Fact]
    public async Task a_coordinator_without_a_valid_email_is_a_validation_problem()
    {
        var result = await fixture.TryAsync(HttpMethod.Post, "/api/universities",
            new { name = "X University", city = "Xiamen", coordinator = new { name = "A", phone = "+86 592 000 0000", email = "nope" } });

        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
        (await result.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(error => error.Key).ShouldContain("coordinator.email");
    }
}
