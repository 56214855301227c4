using System.Security.Claims;
using System.Security.Cryptography;
using Events.Students;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Events.Activities.Registering;

/// <summary>A student registers (or is registered by their university or the base) for an activity.</summary>
public record Register(Guid StudentId)
{
    public static Register Example { get; } = new(Guid.Parse("0196f0c4-1111-7000-8000-000000000001"));

    public sealed class Validator : AbstractValidator<Register>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.StudentId).NotEmpty();
    }

    /// <summary>
    /// Eligibility from the student read model (fed by Internships), then a seat while capacity lasts, the waitlist after,
    /// or a pending request where the base approves each registration.
    /// </summary>
    public static Decision Decide(Activity activity, Guid registrationId, string code, Guid studentId, Student? student, DateTimeOffset now)
    {
        if (activity.Cancelled || activity.AttendanceClosed)
        {
            return new Refusal("activity-is-over", activity.Cancelled ? "The activity was cancelled." : "The activity has ended.",
                activity.Cancelled ? "该活动已取消。" : "该活动已结束。");
        }

        if (now < activity.Plan.RegistrationOpensAt)
        {
            return new Refusal("registration-not-open-yet", $"Registration opens at {activity.Plan.RegistrationOpensAt:yyyy-MM-dd HH:mm zzz}.",
                $"报名将于 {activity.Plan.RegistrationOpensAt:yyyy-MM-dd HH:mm zzz} 开始。");
        }

        if (now > activity.Plan.RegistrationClosesAt)
        {
            return new Refusal("registration-closed", $"Registration closed at {activity.Plan.RegistrationClosesAt:yyyy-MM-dd HH:mm zzz}.",
                $"报名已于 {activity.Plan.RegistrationClosesAt:yyyy-MM-dd HH:mm zzz} 截止。");
        }

        if (activity.Registrations.Any(registration => registration.StudentId == studentId && registration.IsActive))
        {
            return new Refusal("one-registration-per-participant", "The student is already registered for this activity.", "该学生已报名此活动。");
        }

        if (Ineligible(activity.Plan, student) is { } refusal)
        {
            return refusal;
        }

        var received = new RegistrationReceived(activity.Id, registrationId, studentId, code, now);
        return activity.Plan.Audience == Audience.ByApproval
            ? Decision.Of(received, new RegistrationHeldForApproval(activity.Id, registrationId, now))
            : Decision.Of(received, Seating.SeatOrWaitlist(activity, registrationId, now));
    }

    public static Refusal? Ineligible(ActivityPlan plan, Student? student)
    {
        if (student is null)
        {
            return new Refusal("participant-must-be-a-registered-student",
                "The Internships service has not registered this student (yet); only students it registered may take part.",
                "实习服务（Internships）尚未登记该学生；仅经其登记的学生方可参加。");
        }

        return plan.Audience switch
        {
            Audience.InternationalStudents when student.ExpectedGraduation is { } graduation
                                                 && graduation < DateOnly.FromDateTime(plan.StartsAt.DateTime) =>
                new Refusal("only-current-international-students", $"The student graduated ({graduation:yyyy-MM-dd}) before the activity.",
                    $"该学生已于活动开始前毕业（{graduation:yyyy-MM-dd}）。"),
            Audience.PartnerUniversityStudents when !plan.PartnerUniversityIds.Contains(student.UniversityId) =>
                new Refusal("only-students-of-the-partner-universities", "The student's university is not among the activity's partner universities.",
                    "该学生所在高校不在该活动的合作高校之列。"),
            _ => null,
        };
    }

    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>A short code for the participant to show at check-in: 8 characters without look-alikes (0/O, 1/I/L).</summary>
    public static string NewCode() => string.Create(8, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }
    });
}

/// <param name="State">Seated, Waitlisted or AwaitingApproval.</param>
/// <param name="Code">Shown at check-in.</param>
public record RegistrationAnswer(Guid Id, string Url, RegistrationState State, string Code) : NewResource<Guid>(Id, Url)
{
    public static RegistrationAnswer Example { get; } = new(Guid.Parse("0196f0c4-7777-7000-8000-000000000001"),
        "/api/activities/0196f0c4-6666-7000-8000-000000000001/registrations/0196f0c4-7777-7000-8000-000000000001", RegistrationState.Seated, "K7M2Q9TX");
}

public static class RegisterEndpoint
{
    public static ProblemDetails Validate(Register command) => Register.Validator.Instance.Check(command);

    /// <summary>A student registers themselves, a university its own students, the base anyone.</summary>
    public static async Task<ProblemDetails> Before(Register command, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var partner = user.Partner();
        var allowed = partner.Role switch
        {
            PartnerRole.Applicant => partner.ScopeId == command.StudentId,
            PartnerRole.University => (await session.LoadAsync<Student>(command.StudentId, cancellation))?.UniversityId is not { } university
                                      || partner.ActsForUniversity(university),
            _ => true,
        };
        return allowed ? WolverineContinue.NoProblems : Problems.Create(Problems.Forbidden, "A partner registers only itself or its own students.",
            "合作方仅可为其自身或其所属学生报名。");
    }

    /// <summary>
    /// Answers 201 with the registration's state and check-in code. Registrations for one activity are taken one at a
    /// time (the activity's stream is locked while deciding), so capacity is never exceeded and the waitlist keeps
    /// arrival order however many arrive at once.
    /// </summary>
    [WolverinePost("/api/activities/{id}/registrations", Name = "Register")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Applicant)]
    [Tags("Registrations")]
    [ProducesResponseType<RegistrationAnswer>(StatusCodes.Status201Created)]
    [EndpointSummary("Register a student: a seat while capacity lasts, otherwise the waitlist")]
    public static async Task<(IResult, Wolverine.Marten.Events)> Post(
        Register command,
        [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Activity activity,
        IQuerySession session,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        var student = await session.LoadAsync<Student>(command.StudentId, cancellation);
        var registrationId = Guid.CreateVersion7();
        string code;
        do
        {
            code = Register.NewCode();
        }
        while (activity.Registrations.Any(registration => registration.Code == code));

        var decision = Register.Decide(activity, registrationId, code, command.StudentId, student, clock.GetUtcNow());
        if (decision.Refusal is { } refusal)
        {
            return (Results.Problem(refusal.ToProblem()), []);
        }

        var events = new Wolverine.Marten.Events();
        events.AddRange(decision.Events);
        var state = decision.Events[1] switch
        {
            SeatAssigned => RegistrationState.Seated,
            Waitlisted => RegistrationState.Waitlisted,
            _ => RegistrationState.AwaitingApproval,
        };
        var location = $"/api/activities/{activity.Id}/registrations/{registrationId}";
        return (Results.Created(location, new RegistrationAnswer(registrationId, location, state, code)), events);
    }
}
