using System.Security.Claims;
using FluentValidation;
using Internships.Universities;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using JasperFx.Events;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Students.RegisteringStudent;

/// <summary>A university registers (nominates) one of its international students.</summary>
/// <param name="Nationality">ISO 3166-1 alpha-2 code, e.g. "GB".</param>
/// <param name="PassportNumber">Stored encrypted; never logged, never returned in clear.</param>
public record RegisterStudent(
    Guid UniversityId,
    string FullName,
    string Nationality,
    string PassportNumber,
    string Programme,
    DegreeLevel DegreeLevel,
    DateOnly EnrolledOn,
    DateOnly ExpectedGraduation,
    DateOnly ResidencePermitExpiry)
{
    public static RegisterStudent Example { get; } = new(
        Guid.Parse("0196f0c4-0000-7000-8000-00000000a001"), "Daniel Smith", "GB", "GB9876543", "Business Chinese (经贸汉语)",
        DegreeLevel.Bachelor, new DateOnly(2021, 9, 1), new DateOnly(2025, 6, 30), new DateOnly(2025, 8, 31));

    public sealed class Validator : AbstractValidator<RegisterStudent>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.UniversityId).NotEmpty();
            RuleFor(x => x.FullName).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Nationality).NotEmpty()
                .Must(CountryCodes.IsAssigned).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.",
                    "'{PropertyValue}' 不是 ISO 3166-1 alpha-2 国家代码。")
                .Must(code => !string.Equals(code, CountryCodes.China, StringComparison.OrdinalIgnoreCase))
                .WithMessage("An international student must be a foreign national.", "国际学生必须具有外国国籍。");
            RuleFor(x => x.PassportNumber).NotEmpty().Matches("^[A-Za-z0-9]{5,20}$")
                .WithMessage("A passport number has 5 to 20 letters and digits.", "护照号码由 5 至 20 位字母和数字组成。");
            RuleFor(x => x.Programme).NotEmpty().MaximumLength(200);
            RuleFor(x => x.DegreeLevel).IsInEnum();
            RuleFor(x => x.EnrolledOn).NotEmpty();
            RuleFor(x => x.ExpectedGraduation).NotEmpty()
                .GreaterThan(x => x.EnrolledOn).WithMessage("The expected graduation must come after enrolment.", "预计毕业日期必须晚于入学日期。");
            RuleFor(x => x.ResidencePermitExpiry).NotEmpty();
        }
    }
}

public static class RegisterStudentEndpoint
{
    public static ProblemDetails Validate(RegisterStudent command) => RegisterStudent.Validator.Instance.Check(command);

    /// <summary>A university registers only its own students; the base registers for any registered university.</summary>
    public static async Task<ProblemDetails> Before(RegisterStudent command, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        if (!user.Partner().ActsForUniversity(command.UniversityId))
        {
            return Problems.Create(Problems.Forbidden, "A university registers only its own students.", "高校只能注册本校学生。");
        }

        return await session.LoadAsync<University>(command.UniversityId, cancellation) is null
            ? new Refusal("students-are-nominated-by-a-registered-university",
                "The university is not registered with the base.",
                "该高校尚未在基地注册。").ToProblem()
            : WolverineContinue.NoProblems;
    }

    [WolverinePost("/api/students", Name = "RegisterStudent")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University)]
    [EndpointSummary("Register an international student nominated by their university")]
    public static (NewResource<Guid>, IStartStream) Post(
        RegisterStudent command, IDocumentSession session, TimeProvider clock)
    {
        var studentId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var nationality = command.Nationality.ToUpperInvariant();
        var key = session.CreateFor(studentId);

        var nominated = new StudentNominated(
            studentId,
            command.UniversityId,
            key.Protect(command.FullName.Trim()),
            nationality,
            key.Protect(command.PassportNumber.ToUpperInvariant()),
            command.Programme.Trim(),
            command.DegreeLevel,
            command.EnrolledOn,
            command.ExpectedGraduation,
            command.ResidencePermitExpiry,
            now);

        return (new NewResource<Guid>(studentId, $"/api/students/{studentId}"), MartenOps.StartStream<Student>(studentId, nominated));
    }

    /// <summary>The other services learn of the student with their key first, then the registration (name sealed with it).</summary>
    public static async ValueTask<IReadOnlyList<object>> Published(IEvent<StudentNominated> committed, IQuerySession store, CancellationToken cancellation)
    {
        var nominated = committed.Data;
        var registered = new StudentRegistered(nominated.StudentId, nominated.UniversityId, nominated.EncryptedFullName, nominated.Nationality,
            nominated.Programme, nominated.DegreeLevel, nominated.EnrolledOn, nominated.ExpectedGraduation, nominated.NominatedAt);
        var permit = new ResidencePermitChanged(nominated.StudentId, nominated.ResidencePermitExpiry, nominated.NominatedAt);
        return await store.LoadAsync<PersonalDataKey>(nominated.StudentId, cancellation) is { IsErased: false } key
            ? [new PersonalDataKeyShared(nominated.StudentId, key.Key, committed.Timestamp), registered, permit]
            : [registered, permit];
    }
}
