using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using JasperFx.Events;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Students.CorrectingStudentRecord;

/// <summary>Corrects a mistake in a student's record; fields left out keep their value.</summary>
public record CorrectStudentRecord(
    string? FullName,
    string? Programme,
    DegreeLevel? DegreeLevel,
    DateOnly? ExpectedGraduation,
    DateOnly? ResidencePermitExpiry,
    string Reason)
{
    public static CorrectStudentRecord Example { get; } = new("Daniel Smith", null, null, null, null, "The surname was misspelt at registration.");

    public sealed class Validator : AbstractValidator<CorrectStudentRecord>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.FullName).NotEmpty().MaximumLength(200).When(x => x.FullName is not null);
            RuleFor(x => x.Programme).NotEmpty().MaximumLength(200).When(x => x.Programme is not null);
            RuleFor(x => x.DegreeLevel).IsInEnum();
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
            RuleFor(x => x).Must(x => x.FullName is not null || x.Programme is not null || x.DegreeLevel is not null
                                      || x.ExpectedGraduation is not null || x.ResidencePermitExpiry is not null)
                .WithName("correction").WithMessage("Name at least one field to correct.", "请至少指定一个需要更正的字段。");
        }
    }

    /// <summary>
    /// The correction's event, or none when it changes nothing (so a repeated correction is harmless). A new name is sealed
    /// with the student's key (<paramref name="protect"/>); the name in clear is only compared with the current one.
    /// </summary>
    public static StudentDetailsCorrected? Decide(
        Student student, string? currentFullName, CorrectStudentRecord correction, Func<string, string> protect, DateTimeOffset now)
    {
        var fullName = correction.FullName?.Trim() ?? currentFullName;
        var nameChanged = fullName != currentFullName;
        var corrected = new StudentDetailsCorrected(
            student.Id,
            nameChanged && fullName is not null ? protect(fullName) : student.EncryptedFullName,
            correction.Programme?.Trim() ?? student.Programme,
            correction.DegreeLevel ?? student.DegreeLevel,
            correction.ExpectedGraduation ?? student.ExpectedGraduation,
            correction.ResidencePermitExpiry ?? student.ResidencePermitExpiry,
            correction.Reason.Trim(),
            now);

        var unchanged = !nameChanged && corrected.Programme == student.Programme
            && corrected.DegreeLevel == student.DegreeLevel && corrected.ExpectedGraduation == student.ExpectedGraduation
            && corrected.ResidencePermitExpiry == student.ResidencePermitExpiry;
        return unchanged ? null : corrected;
    }
}

public static class CorrectStudentRecordEndpoint
{
    public static ProblemDetails Validate(CorrectStudentRecord command) => CorrectStudentRecord.Validator.Instance.Check(command);

    /// <summary>Answers 204 with the record's new ETag. Send the ETag you read in If-Match to be sure nobody changed it since.</summary>
    [WolverinePost("/api/students/{id}/corrections", Name = "CorrectStudentRecord")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University)]
    [EndpointSummary("Correct a mistake in a student's record (the earlier values stay in the history)")]
    public static async Task<(IResult, Events)> Post(
        CorrectStudentRecord command,
        [WriteAggregate] Student student,
        ClaimsPrincipal user,
        HttpRequest request,
        HttpResponse response,
        IDocumentSession session,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        if (!user.Partner().MaySeeStudent(student.Id, student.UniversityId))
        {
            return (Results.NotFound(), []);
        }

        if (request.CheckIfMatch(student.Version) is var precondition && !ReferenceEquals(precondition, WolverineContinue.NoProblems))
        {
            return (Results.Problem(precondition), []);
        }

        if ((command.ExpectedGraduation ?? student.ExpectedGraduation) <= student.EnrolledOn)
        {
            return (Results.Problem(Validation.Problem("expectedGraduation",
                "The expected graduation must come after enrolment.", "预计毕业日期必须晚于入学日期。")), []);
        }

        var key = await session.KeyForAsync(student.Id, cancellation);
        if (key.IsErased)
        {
            return (Results.Problem(new Refusal("an-erased-student-is-not-changed",
                "The student's personal data was erased at their request; the base keeps nothing more about them.",
                "该学生的个人数据已应本人要求删除；基地不再保存与其有关的任何信息。").ToProblem()), []);
        }

        var corrected = CorrectStudentRecord.Decide(student, key.Reveal(student.EncryptedFullName), command, key.Protect, clock.GetUtcNow());
        if (corrected is null)
        {
            response.SetETag(student.Version);
            return (Results.NoContent(), []);
        }

        response.SetETag(student.Version + 1);
        return (Results.NoContent(), [corrected]);
    }

    public static ValueTask<IReadOnlyList<object>> Published(IEvent<StudentDetailsCorrected> committed, IQuerySession store, CancellationToken cancellation)
    {
        var corrected = committed.Data;
        return ValueTask.FromResult<IReadOnlyList<object>>([
            new StudentRecordCorrected(
                corrected.StudentId, corrected.EncryptedFullName, corrected.Programme, corrected.DegreeLevel, corrected.ExpectedGraduation, corrected.CorrectedAt),
            new ResidencePermitChanged(corrected.StudentId, corrected.ResidencePermitExpiry, corrected.CorrectedAt),
        ]);
    }
}
