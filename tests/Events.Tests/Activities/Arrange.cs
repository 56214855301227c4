using System.Text.Json.Nodes;
using Alba;
using Events.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Testing;
using Wolverine;
using Wolverine.Http;

namespace Events.Tests.Activities;

/// <summary>Arranges students (as Internships would publish them), activities and registrations through the service itself.</summary>
public static class Arrange
{
    public static async Task<Guid> StudentAsync(this EventsFixture fixture, Guid? universityId = null, string name = "Daniel Smith", DateOnly? graduation = null)
    {
        var registered = SampleStudents.Daniel(fullName: name) with
        {
            UniversityId = universityId ?? SampleStudents.XiamenUniversity,
            ExpectedGraduation = graduation ?? new DateOnly(2030, 6, 30),
        };
        using var scope = fixture.Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await bus.InvokeAsync(SampleStudents.SharedKey(registered.StudentId));
        await bus.InvokeAsync(registered);
        return registered.StudentId;
    }

    /// <summary>An activity under way today: registration open, check-in possible, ending in a few hours.</summary>
    public static async Task<Guid> ActivityAsync(
        this EventsFixture fixture, int capacity = 10, string type = "MentorTraining", string audience = "InternationalStudents", int sessions = 1,
        int? requiredSessions = null, Guid[]? partnerUniversityIds = null)
    {
        var now = DateTimeOffset.UtcNow;
        var result = await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Post.Json(new
            {
                title = "Entrepreneurship mentor training", type, venue = "Software Park Phase I, Hall 2",
                startsAt = now.AddHours(-1), endsAt = now.AddHours(3), capacity,
                registrationOpensAt = now.AddHours(-2), registrationClosesAt = now.AddHours(2), audience,
                partnerUniversityIds, sessions, requiredSessions,
            }).ToUrl("/api/activities");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });
        return result.ReadAsJson<NewResource<Guid>>().Id;
    }

    public static Task<IScenarioResult> RegisterAsync(this EventsFixture fixture, Guid activityId, Guid studentId, string key = PartnerKeys.BaseAdministrator) =>
        fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(new { studentId }).ToUrl($"/api/activities/{activityId}/registrations");
            x.IgnoreStatusCode();
        });

    public static async Task<(Guid Id, RegistrationState State, string Code)> RegisteredAsync(this EventsFixture fixture, Guid activityId, Guid studentId)
    {
        var result = await fixture.RegisterAsync(activityId, studentId);
        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status201Created, await result.ReadAsTextAsync());
        var answer = (await result.ReadAsJsonAsync<JsonObject>())!;
        return (answer["id"]!.GetValue<Guid>(), Enum.Parse<RegistrationState>(answer["state"]!.GetValue<string>()), answer["code"]!.GetValue<string>());
    }

    public static Task<IScenarioResult> PostAsync(this EventsFixture fixture, string url, object body, string key = PartnerKeys.BaseAdministrator) =>
        fixture.Host.Scenario(x =>
        {
            x.As(key).Post.Json(body).ToUrl(url);
            x.IgnoreStatusCode();
        });

    public static async Task<T> GetAsync<T>(this EventsFixture fixture, string url, string key = PartnerKeys.BaseAdministrator) =>
        (await fixture.Host.Scenario(x => x.As(key).Get.Url(url))).ReadAsJson<T>();


    public static void ShouldBeNoContent(this IScenarioResult result) =>
        result.Context.Response.StatusCode.ShouldBe(StatusCodes.Status204NoContent, result.ReadAsText());
}
