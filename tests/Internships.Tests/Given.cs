using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Http;
using StudentBase.History;
using StudentBase.Http;
using StudentBase.Testing;
using Wolverine.Http;

namespace Internships.Tests;

/// <summary>Arranges the world a test needs through the API itself, with fresh ids so tests never collide.</summary>
public static class Given
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<Guid> UniversityAsync(this InternshipsFixture fixture, string? name = null) =>
        await fixture.CreateAsync("/api/universities", new
        {
            name = name ?? $"University {Guid.NewGuid():N}",
            city = "Xiamen",
            coordinator = new { name = "Chen Jing", phone = "+86 592 218 0000", email = "coordinator@university.example" },
        });

    /// <summary>
    /// A page of the history feed once it shows what the test just wrote: the feed holds back behind a hole in the
    /// sequence for up to the gap tolerance after a rolled-back transaction (which concurrent tests cause).
    /// </summary>
    public static async Task<StudentBase.History.HistoryPage> SettledHistoryAsync(
        this InternshipsFixture fixture, string query, Func<StudentBase.History.HistoryPage, bool> shows)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var page = (await fixture.Host.Scenario(x => x.As(PartnerKeys.Analyst).Get.Url($"/api/history/events?{query}")))
                .ReadAsJson<StudentBase.History.HistoryPage>()!;
            if (shows(page) || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                return page;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A university's nomination of a student (the body of POST /api/students).</summary>
    public static object NominationOf(Guid universityId, string fullName = "Amara Okafor") => new
    {
        universityId,
        fullName,
        nationality = "NG",
        passportNumber = "A12345678",
        programme = "Software Engineering",
        degreeLevel = "Master",
        enrolledOn = "2022-09-01",
        expectedGraduation = "2025-07-01",
        residencePermitExpiry = "2025-09-30",
    };

    public static async Task<Guid> StudentAsync(this InternshipsFixture fixture, Guid universityId, DateOnly? residencePermitExpiry = null) =>
        await fixture.CreateAsync("/api/students", new
        {
            universityId,
            fullName = "Daniel Smith",
            nationality = "GB",
            passportNumber = "GB9876543",
            programme = "Business Chinese",
            degreeLevel = "Bachelor",
            enrolledOn = "2023-09-01",
            expectedGraduation = "2027-06-30",
            residencePermitExpiry = (residencePermitExpiry ?? Today.AddYears(2)).ToString("yyyy-MM-dd"),
        });

    /// <summary>Valid codes built with the GB 32100-2015 check character, one per call.</summary>
    public static string NewCreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        var body = "91350200MA" + string.Concat(Enumerable.Range(0, 7).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
        var check = 31 - body.Select((c, i) => alphabet.IndexOf(c) * weights[i]).Sum() % 31;
        return body + alphabet[check == 31 ? 0 : check];
    }

    public static async Task<Guid> BranchStationAsync(this InternshipsFixture fixture, bool designated = true)
    {
        var id = await fixture.CreateAsync("/api/branch-stations", new
        {
            name = "Xiamen Paoyou Network Technology Co., Ltd.",
            unifiedSocialCreditCode = NewCreditCode(),
            industry = "Digital content",
            contact = new { name = "Lin Wei", phone = "+86 592 555 0101", email = "hr@paoyou.example" },
        });
        if (designated)
        {
            await fixture.PostAsync($"/api/branch-stations/{id}/designation", new { });
        }

        return id;
    }

    public const string Workplace = "Software Park Phase I, Xiamen";

    public static async Task<Guid> OpenPlacementAsync(this InternshipsFixture fixture, Guid branchStationId, int slots = 2)
    {
        var id = await fixture.CreateAsync("/api/placements", new
        {
            branchStationId,
            offer = new
            {
                title = "Script writing",
                description = "Short-video scripts",
                slots,
                startDate = Today.AddDays(10).ToString("yyyy-MM-dd"),
                endDate = Today.AddDays(100).ToString("yyyy-MM-dd"),
                location = Workplace,
            },
        });
        await fixture.PostAsync($"/api/placements/{id}/approval", new { });
        return id;
    }

    /// <summary>An API key of a bound role (Company, University, Applicant) acting for the given scope.</summary>
    public static async Task<string> KeyAsync(this InternshipsFixture fixture, string role, Guid scopeId)
    {
        var issued = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(new { role, scopeId, label = "test" }).ToUrl($"/api/partners/test-{role.ToLowerInvariant()}/api-keys");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return (await issued.ReadAsJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    public static async Task<Guid> CreateAsync(this InternshipsFixture fixture, string url, object body, string key = PartnerKeys.BaseAdministrator)
    {
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(body).ToUrl(url);
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return result.ReadAsJson<NewResource<Guid>>().Id;
    }

    /// <summary>Posts a command that must succeed (204).</summary>
    public static Task PostAsync(this InternshipsFixture fixture, string url, object body, string key = PartnerKeys.BaseAdministrator) =>
        fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(body).ToUrl(url);
            x.StatusCodeShouldBe(StatusCodes.Status204NoContent);
        });

    /// <summary>Sends a command and returns whatever came back, for tests about refusals.</summary>
    public static Task<IScenarioResult> TryAsync(this InternshipsFixture fixture, HttpMethod method, string url, object body, string key = PartnerKeys.BaseAdministrator) =>
        fixture.Host.Scenario(x =>
        {
            x.As(key);
            if (method == HttpMethod.Put)
            {
                x.Put.Json(body).ToUrl(url);
            }
            else
            {
                x.Post.Json(body).ToUrl(url);
            }

            x.IgnoreStatusCode();
        });

    public static async Task<T> GetAsync<T>(this InternshipsFixture fixture, string url, string key = PartnerKeys.BaseAdministrator) =>
        (await fixture.Host.Scenario(x => x.As(key).Get.Url(url))).ReadAsJson<T>();
}
