using FluentValidation;
using Internships.PersonalData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Universities.Registering;

/// <summary>The base registers a partner university and the coordinator who speaks for it.</summary>
/// <param name="Coordinator">Personal data: stored encrypted, shown only to the base and the university itself.</param>
public record RegisterUniversity(string Name, string City, Contact Coordinator)
{
    public static RegisterUniversity Example { get; } = new(
        "Xiamen University (厦门大学)", "Xiamen", new Contact("Chen Jing", "+86 592 218 0000", "overseas-education@xmu.example"));

    public sealed class Validator : AbstractValidator<RegisterUniversity>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            RuleFor(x => x.City).NotEmpty().MaximumLength(100);
            RuleFor(x => x.Coordinator).NotNull().SetValidator(Contact.Validator.Instance);
        }
    }
}

public static class RegisterUniversityEndpoint
{
    public static ProblemDetails Validate(RegisterUniversity command) => RegisterUniversity.Validator.Instance.Check(command);

    public static async Task<ProblemDetails> Before(RegisterUniversity command, IQuerySession session, CancellationToken cancellation)
    {
        var name = command.Name.Trim();
        return await session.Query<University>().AnyAsync(university => university.Name == name, cancellation)
            ? new Refusal("one-registration-per-university", "A university with this name is already registered.", "已有同名高校注册。").ToProblem()
            : WolverineContinue.NoProblems;
    }

    /// <remarks>Issue the university's partner system a University key bound to the returned id.</remarks>
    [WolverinePost("/api/universities", Name = "RegisterUniversity")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Register a partner university and its coordinator")]
    public static (NewResource<Guid>, IStartStream) Post(RegisterUniversity command, IDocumentSession session, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var registered = new UniversityRegistered(id, command.Name.Trim(), command.City.Trim(), command.Coordinator.Protect(session, id), clock.GetUtcNow());
        return (new NewResource<Guid>(id, $"/api/universities/{id}"), MartenOps.StartStream<University>(id, registered));
    }
}
