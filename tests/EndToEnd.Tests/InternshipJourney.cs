using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EndToEnd.Tests;

/// <summary>
/// Daniel's internship through the running system: Internships decides every step, and Subsidies learns of the completed
/// internship (a supporting fact for his subsidy) through the queue; Events knows Paoyou as a host company.
/// </summary>
public class InternshipJourney
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Guid XiamenUniversity = Guid.Parse("0196f0c4-0000-7000-8000-00000000a001");
    private static readonly Guid Paoyou = Guid.Parse("0196f0c4-0000-7000-8000-00000000b001");
    private const string Workplace = "Software Park Phase I, Xiamen";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_completed_internship_reaches_the_students_subsidy_record()
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        using var storage = new PlatformStorage();
        await using var platform = await PlatformApp.StartAsync(storage, receiver.Endpoint, Cancellation);
        var internships = platform.CreateClient("internships");
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);
        var end = start.AddDays(90);

        var daniel = await CreateAsync(internships, "/api/students", "dev-xmu-key", new
        {
            universityId = XiamenUniversity, fullName = "Daniel Smith", nationality = "GB", passportNumber = "GB9876543",
            programme = "Business Chinese", degreeLevel = "Bachelor", enrolledOn = "2023-09-01", expectedGraduation = "2027-06-30",
            residencePermitExpiry = start.AddYears(2).ToString("yyyy-MM-dd"),
        });
        var placement = await CreateAsync(internships, "/api/placements", "dev-paoyou-key", new
        {
            branchStationId = Paoyou,
            offer = new { title = "Script writing", description = "Short-video scripts", slots = 2, startDate = $"{start:yyyy-MM-dd}", endDate = $"{end:yyyy-MM-dd}", location = Workplace },
        });
        await SendAsync(internships, HttpMethod.Post, $"/api/placements/{placement}/approval", "dev-base-admin-key", new { });
        var internship = await CreateAsync(internships, "/api/internships", "dev-xmu-key", new { studentId = daniel, placementId = placement });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/consent", "dev-xmu-key", new { });
        await SendAsync(internships, HttpMethod.Put, $"/api/internships/{internship}/agreement", "dev-paoyou-key", new
        {
            startDate = $"{start:yyyy-MM-dd}", endDate = $"{end:yyyy-MM-dd}", hoursPerWeek = 24, supervisor = "Zhang Wei", monthlyStipend = 3000m,
            learningGoals = new[] { "Write three short-video scripts in Chinese" },
        });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/agreement/signatures", "dev-base-admin-key", new { party = "Student" });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/agreement/signatures", "dev-xmu-key", new { party = "University" });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/agreement/signatures", "dev-paoyou-key", new { party = "Company" });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/permit-endorsement", "dev-exit-entry-key",
            new { place = Workplace, validFrom = $"{start:yyyy-MM-dd}", validUntil = $"{end:yyyy-MM-dd}", reference = "XM-EE-2026-000042" });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/start", "dev-paoyou-key", new { startedOn = $"{start:yyyy-MM-dd}" });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/evaluations", "dev-paoyou-key",
            new { stage = "Final", rating = 5, comments = "Two scripts published." });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/completion", "dev-paoyou-key",
            new { endedOn = $"{end:yyyy-MM-dd}", certificateNumber = "XSP-INT-2026-0042" });

        var record = await EventuallyAsync(platform.CreateClient("subsidies"), $"/api/students/{daniel}",
            json => json?["internships"]?.AsArray().Any(item => item!["progress"]!.GetValue<string>() == "Completed") == true);
        record!["internships"]![0]!["certificateNumber"]!.GetValue<string>().ShouldBe("XSP-INT-2026-0042");

        var hosts = await EventuallyAsync(platform.CreateClient("events"), "/api/host-companies?standing=Active",
            json => json?["items"]?.AsArray().Any(item => item!["id"]!.GetValue<Guid>() == Paoyou) == true);
        hosts!["items"]!.AsArray().ShouldContain(item => item!["id"]!.GetValue<Guid>() == Paoyou);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string url, string key, object body)
    {
        var response = await SendAsync(client, HttpMethod.Post, url, key, body, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["value"]!.GetValue<Guid>();
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string url, string key, object body, HttpStatusCode expected = HttpStatusCode.NoContent)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        var response = await client.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(expected, $"{method} {url}: {await response.Content.ReadAsStringAsync(Cancellation)}");
        return response;
    }

    private static async Task<JsonObject?> EventuallyAsync(HttpClient client, string url, Func<JsonObject?, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Api-Key", "dev-base-admin-key");
            var response = await client.SendAsync(request, Cancellation);
            var json = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation) : null;
            if (done(json) || deadline.Elapsed > Patience)
            {
                return json;
            }

            await Task.Delay(200, Cancellation);
        }
    }
}
