using System.Globalization;
using Alba;
using Microsoft.AspNetCore.Http;
using StudentBase.Http;
using StudentBase.Testing;

namespace Internships.Tests.Operations;

/// <summary>A service of its own with Server-Timing switched on (it is off by default).</summary>
public sealed class TimedInternshipsFixture : InternshipsFixture
{
    protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.UseSetting(RequestStages.Setting, "true");
}

public class TimingARequest(TimedInternshipsFixture timed, InternshipsFixture untimed) : IClassFixture<TimedInternshipsFixture>
{
    private static readonly object Daniel = new
    {
        universityId = PartnerKeys.XiamenUniversity, fullName = "Daniel Smyth", nationality = "GB", passportNumber = "GB9876543",
        programme = "Business Chinese", degreeLevel = "Bachelor", enrolledOn = "2021-09-01", expectedGraduation = "2025-06-30",
        residencePermitExpiry = "2025-08-31",
    };

    [Fact]
    public async Task a_command_answers_where_its_time_went_stage_by_stage()
    {
        var answer = await timed.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(Daniel).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });

        var stages = Stages(answer);
        stages.Keys.ShouldBe(["admission", "handler", "reads", "commit", "answer", "total"]);
        stages["commit"].ShouldBeGreaterThan(0, "the registration committed its events");
        stages["reads"].ShouldBeGreaterThan(0, "the university was looked up before the commit");
        stages["reads"].ShouldBeLessThanOrEqualTo(stages["handler"]);
        (stages["admission"] + stages["handler"] + stages["commit"] + stages["answer"]).ShouldBe(stages["total"], 0.01);
    }

    [Fact]
    public async Task the_idempotency_records_transactions_are_not_counted_as_the_commands_own()
    {
        var answer = await timed.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(Daniel).ToUrl("/api/students");
            x.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString());
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });

        var stages = Stages(answer);
        stages["reads"].ShouldBeGreaterThan(0, "the claim's read is left out, the university lookup is not");
        stages["handler"].ShouldBeGreaterThanOrEqualTo(stages["reads"]);
        stages["commit"].ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task a_query_has_no_commit()
    {
        var answer = await timed.Host.Scenario(x => x.As(PartnerKeys.XiamenUniversityKey).Get.Url($"/api/universities/{PartnerKeys.XiamenUniversity}"));

        var stages = Stages(answer);
        stages["commit"].ShouldBe(0);
        stages["total"].ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task answers_carry_no_timing_unless_it_is_switched_on()
    {
        var answer = await untimed.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(Daniel).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        });

        answer.Context.Response.Headers.ContainsKey("Server-Timing").ShouldBeFalse();
    }

    private static Dictionary<string, double> Stages(IScenarioResult answer) =>
        answer.Context.Response.Headers["Server-Timing"].ToString()
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(metric => metric.Split(";dur="))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
}
