using Microsoft.Kiota.Abstractions;
using Partners.Internships.Models;
using StudentBase.Testing;

namespace PartnerClient.Tests;

/// <summary>A university's student system, built only from the OpenAPI document, registers and manages a student.</summary>
public class DrivingAFlowWithTheGeneratedClient(PartnerClientFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static RegisterStudent Daniel() => new()
    {
        UniversityId = PartnerKeys.XiamenUniversity,
        FullName = "Daniel Smyth",
        Nationality = "GB",
        PassportNumber = "GB9876543",
        Programme = "Business Chinese",
        DegreeLevel = DegreeLevel.Bachelor,
        EnrolledOn = new Date(2021, 9, 1),
        ExpectedGraduation = new Date(2025, 6, 30),
        ResidencePermitExpiry = new Date(2025, 8, 31),
    };

    [Fact]
    public async Task a_university_registers_reads_lists_and_corrects_a_student()
    {
        var client = fixture.ClientFor(PartnerKeys.XiamenUniversityKey);
        var idempotencyKey = Guid.NewGuid().ToString();

        var created = await client.Api.Students.PostAsync(Daniel(), request => request.Headers.Add("Idempotency-Key", idempotencyKey), Cancellation);
        var retried = await client.Api.Students.PostAsync(Daniel(), request => request.Headers.Add("Idempotency-Key", idempotencyKey), Cancellation);
        retried!.Id.ShouldBe(created!.Id);
        var studentId = created.Id!.Value;

        var student = await client.Api.Students[studentId].GetAsync(cancellationToken: Cancellation);
        student!.FullName.ShouldBe("Daniel Smyth");
        student.PassportNumber.ShouldBe("******543");
        student.DegreeLevel.ShouldBe(DegreeLevel.Bachelor);

        var page = await client.Api.Students.GetAsync(request => request.QueryParameters.Limit = 200, Cancellation);
        page!.Items!.Select(item => item.Id).ShouldContain(studentId);

        await client.Api.Students[studentId].Corrections.PostAsync(
            new CorrectStudentRecord { FullName = "Daniel Smith", Reason = "typo in the surname" },
            request => request.Headers.Add("If-Match", $"\"{student.Version}\""),
            Cancellation);
        (await client.Api.Students[studentId].GetAsync(cancellationToken: Cancellation))!.FullName.ShouldBe("Daniel Smith");

        var stale = await Should.ThrowAsync<Problem>(() => client.Api.Students[studentId].Corrections.PostAsync(
            new CorrectStudentRecord { Programme = "Chinese Language", Reason = "stale" },
            request => request.Headers.Add("If-Match", $"\"{student.Version}\""),
            Cancellation));
        stale.Type.ShouldBe("/problems/precondition-failed");
        stale.ResponseStatusCode.ShouldBe(412);
    }

    [Fact]
    public async Task errors_arrive_as_typed_problems()
    {
        var jimei = fixture.ClientFor(PartnerKeys.JimeiUniversityKey);

        var notFound = await Should.ThrowAsync<Problem>(() => jimei.Api.Students[Guid.CreateVersion7()].GetAsync(cancellationToken: Cancellation));
        notFound.Type.ShouldBe("/problems/not-found");

        var invalid = Daniel();
        invalid.UniversityId = PartnerKeys.JimeiUniversity;
        invalid.Nationality = "XX";
        var validation = await Should.ThrowAsync<Problem>(() => jimei.Api.Students.PostAsync(invalid, cancellationToken: Cancellation));
        validation.Type.ShouldBe("/problems/validation");
        validation.Errors!.AdditionalData.Keys.ShouldContain("nationality");

        var unauthenticated = await Should.ThrowAsync<Problem>(() =>
            fixture.ClientFor("sbk_not-a-key").Api.Students.GetAsync(cancellationToken: Cancellation));
        unauthenticated.ResponseStatusCode.ShouldBe(401);
    }
}
