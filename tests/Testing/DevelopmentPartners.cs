using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StudentBase.Testing;

/// <summary>What a partner does with the development keys against a service running in the Development environment.</summary>
public static class DevelopmentPartners
{
    public const string XiamenUniversityKey = "dev-xmu-key";
    public static readonly Guid XiamenUniversity = Guid.Parse("0196f0c4-0000-7000-8000-00000000a001");

    /// <summary>Xiamen University registers a student; the new student's id, or null when the service did not answer 201.</summary>
    public static async Task<Guid?> RegisterStudentAsync(HttpClient internships, CancellationToken cancellation = default, string? idempotencyKey = null)
    {
        using var request = StudentRegistration();
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await internships.SendAsync(request, cancellation);
        return response.StatusCode == HttpStatusCode.Created
            ? (await response.Content.ReadFromJsonAsync<JsonObject>(cancellation))!["id"]!.GetValue<Guid>()
            : null;
    }

    /// <summary>Xiamen University's request to register a student (a new one each time it is sent).</summary>
    public static HttpRequestMessage StudentRegistration()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/students")
        {
            Content = JsonContent.Create(new
            {
                universityId = XiamenUniversity, fullName = "Load Test", nationality = "VN", passportNumber = "C1234567",
                programme = "Software Engineering", degreeLevel = "Bachelor", enrolledOn = "2024-09-01", expectedGraduation = "2028-06-30",
                residencePermitExpiry = "2028-08-31",
            }),
        };
        request.Headers.Add("X-Api-Key", XiamenUniversityKey);
        return request;
    }
}
