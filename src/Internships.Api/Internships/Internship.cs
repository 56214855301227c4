using StudentBase.PersonalData;

namespace Internships.Internships;

public enum InternshipState
{
    /// <summary>Intention recorded; waiting for the student's university to consent.</summary>
    AwaitingConsent = 1,
    /// <summary>The university consented; the agreement is being drafted and signed.</summary>
    Consented = 2,
    ConsentRefused = 3,
    Withdrawn = 4,
    /// <summary>The university decided nothing in time.</summary>
    Lapsed = 5,
    /// <summary>All three parties signed the agreement; waiting for the residence-permit endorsement.</summary>
    Agreed = 6,
    Endorsed = 7,
    Started = 8,
    Completed = 9,
    Terminated = 10,
}

/// <summary>The three parties to an internship agreement (实习协议).</summary>
public enum AgreementParty
{
    Student = 1,
    Company = 2,
    University = 3,
}

/// <summary>Who ended an internship early: one of the parties or the base.</summary>
public enum EndingParty
{
    Student = 1,
    Company = 2,
    University = 3,
    Base = 4,
}

public enum EvaluationStage
{
    MidTerm = 1,
    Final = 2,
}

/// <summary>What the parties agree; changed after signing only by an amendment all three sign.</summary>
/// <param name="Workplace">Where the intern works; the residence-permit endorsement must name it.</param>
/// <param name="MonthlyStipend">CNY a month.</param>
public record AgreementTerms(
    DateOnly StartDate,
    DateOnly EndDate,
    int HoursPerWeek,
    [PersonalData] string Supervisor,
    decimal MonthlyStipend,
    IReadOnlyList<string> LearningGoals,
    string Workplace);

/// <summary>The exit-entry administration's note of the internship's place and period on the residence permit (居留许可加注).</summary>
/// <param name="PermitCaseId">The approved residence-permit case of the one-window service the endorsement cites, if any.</param>
public record PermitEndorsement(string Place, DateOnly ValidFrom, DateOnly ValidUntil, string Reference, Guid? PermitCaseId = null)
{
    public bool Covers(AgreementTerms terms) =>
        ValidFrom <= terms.StartDate && ValidUntil >= terms.EndDate
        && string.Equals(Place.Trim(), terms.Workplace.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>Changes to a signed agreement; fields left out stay as agreed.</summary>
public record AgreementChanges(DateOnly? StartDate, DateOnly? EndDate, int? HoursPerWeek, [PersonalData] string? Supervisor)
{
    public AgreementTerms AppliedTo(AgreementTerms terms) => terms with
    {
        StartDate = StartDate ?? terms.StartDate,
        EndDate = EndDate ?? terms.EndDate,
        HoursPerWeek = HoursPerWeek ?? terms.HoursPerWeek,
        Supervisor = Supervisor ?? terms.Supervisor,
    };
}

/// <param name="Rating">1 (poor) to 5 (excellent).</param>
public record Evaluation(int Rating, string Comments, DateTimeOffset SubmittedAt);

public record PendingAmendment(Guid AmendmentId, AgreementChanges Changes, string Reason, AgreementParty ProposedBy, List<AgreementParty> SignedBy);

public record InternshipIntended(
    Guid InternshipId,
    Guid StudentId,
    Guid UniversityId,
    string Nationality,
    Guid PlacementId,
    Guid BranchStationId,
    DateTimeOffset DecisionDue,
    DateTimeOffset IntendedAt);

public record UniversityConsented(Guid InternshipId, DateTimeOffset ConsentedAt);

public record UniversityRefusedConsent(Guid InternshipId, string Reason, DateTimeOffset RefusedAt);

public record IntentionWithdrawn(Guid InternshipId, EndingParty WithdrawnBy, string Reason, DateTimeOffset WithdrawnAt);

/// <summary>The university decided nothing within the configured period.</summary>
public record IntentionLapsed(Guid InternshipId, DateTimeOffset LapsedAt);

/// <summary>The agreement's terms were drafted (again): signatures given to earlier terms no longer count.</summary>
public record AgreementDrafted(Guid InternshipId, AgreementTerms Terms, DateTimeOffset DraftedAt);

public record AgreementSignatureGiven(Guid InternshipId, AgreementParty Party, DateTimeOffset SignedAt);

/// <summary>The third signature: the agreement binds all three parties and took a slot of the placement.</summary>
public record AgreementSigned(Guid InternshipId, AgreementTerms Terms, DateTimeOffset SignedAt);

public record PermitEndorsed(Guid InternshipId, PermitEndorsement Endorsement, DateTimeOffset EndorsedAt);

public record InternshipStarted(Guid InternshipId, DateOnly StartedOn, DateTimeOffset StartedAt);

public record InternEvaluated(Guid InternshipId, EvaluationStage Stage, int Rating, string Comments, DateTimeOffset EvaluatedAt);

public record HostEvaluated(Guid InternshipId, int Rating, string Comments, DateTimeOffset EvaluatedAt);

/// <summary>The final evaluation was not in by the agreed end date plus the grace period.</summary>
public record FinalEvaluationOverdue(Guid InternshipId, DateTimeOffset DueAt, DateTimeOffset RaisedAt);

public record InternshipCompleted(Guid InternshipId, DateOnly StartedOn, DateOnly EndedOn, string CertificateNumber, DateTimeOffset CompletedAt);

public record InternshipTerminated(Guid InternshipId, EndingParty EndedBy, string Reason, DateOnly EndedOn, DateTimeOffset TerminatedAt);

public record AmendmentProposed(Guid InternshipId, Guid AmendmentId, AgreementChanges Changes, string Reason, AgreementParty ProposedBy, DateTimeOffset ProposedAt);

public record AmendmentSignatureGiven(Guid InternshipId, Guid AmendmentId, AgreementParty Party, DateTimeOffset SignedAt);

/// <summary>The third signature: the amended terms replace the agreed ones (which stay in the history).</summary>
public record AmendmentTookEffect(Guid InternshipId, Guid AmendmentId, AgreementTerms Terms, DateTimeOffset TookEffectAt);

/// <summary>An internship from intention to completion, rebuilt from its events.</summary>
public class Internship
{
    public static readonly AgreementParty[] AllParties = [AgreementParty.Student, AgreementParty.Company, AgreementParty.University];

    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid StudentId { get; set; }
    public Guid UniversityId { get; set; }
    public string Nationality { get; set; } = "";
    public Guid PlacementId { get; set; }
    public Guid BranchStationId { get; set; }
    public InternshipState State { get; set; }
    public string? StateReason { get; set; }
    public EndingParty? EndedBy { get; set; }
    public DateTimeOffset IntendedAt { get; set; }
    public DateTimeOffset DecisionDue { get; set; }
    public AgreementTerms? Terms { get; set; }
    public List<AgreementParty> SignedBy { get; set; } = [];
    public DateTimeOffset? AgreementSignedAt { get; set; }
    public PermitEndorsement? Endorsement { get; set; }
    public DateOnly? StartedOn { get; set; }
    public Evaluation? MidTermEvaluation { get; set; }
    public Evaluation? FinalEvaluation { get; set; }
    public Evaluation? HostEvaluation { get; set; }
    public bool FinalEvaluationIsOverdue { get; set; }
    public PendingAmendment? PendingAmendment { get; set; }
    public List<Guid> AmendmentsInEffect { get; set; } = [];
    public DateOnly? EndedOn { get; set; }
    public string? CertificateNumber { get; set; }

    /// <summary>
    /// The student while this internship binds them (agreed, endorsed or started), otherwise null. A unique index on it
    /// lets PostgreSQL itself refuse a second active internship, even when two are signed at the same moment.
    /// </summary>
    public Guid? ActiveStudentId { get; set; }

    public bool IsActive => State is InternshipState.Agreed or InternshipState.Endorsed or InternshipState.Started;

    public static Internship Create(InternshipIntended intended) => new()
    {
        Id = intended.InternshipId,
        StudentId = intended.StudentId,
        UniversityId = intended.UniversityId,
        Nationality = intended.Nationality,
        PlacementId = intended.PlacementId,
        BranchStationId = intended.BranchStationId,
        State = InternshipState.AwaitingConsent,
        IntendedAt = intended.IntendedAt,
        DecisionDue = intended.DecisionDue,
    };

    public void Apply(UniversityConsented _) => State = InternshipState.Consented;

    public void Apply(UniversityRefusedConsent refused)
    {
        State = InternshipState.ConsentRefused;
        StateReason = refused.Reason;
    }

    public void Apply(IntentionWithdrawn withdrawn)
    {
        State = InternshipState.Withdrawn;
        StateReason = withdrawn.Reason;
        EndedBy = withdrawn.WithdrawnBy;
    }

    public void Apply(IntentionLapsed _) => State = InternshipState.Lapsed;

    public void Apply(AgreementDrafted drafted)
    {
        Terms = drafted.Terms;
        SignedBy = [];
    }

    public void Apply(AgreementSignatureGiven signed) => SignedBy.Add(signed.Party);

    public void Apply(AgreementSigned signed)
    {
        State = InternshipState.Agreed;
        Terms = signed.Terms;
        AgreementSignedAt = signed.SignedAt;
        ActiveStudentId = StudentId;
    }

    public void Apply(PermitEndorsed endorsed)
    {
        Endorsement = endorsed.Endorsement;
        if (State == InternshipState.Agreed)
        {
            State = InternshipState.Endorsed;
        }
    }

    public void Apply(InternshipStarted started)
    {
        State = InternshipState.Started;
        StartedOn = started.StartedOn;
    }

    public void Apply(InternEvaluated evaluated)
    {
        var evaluation = new Evaluation(evaluated.Rating, evaluated.Comments, evaluated.EvaluatedAt);
        if (evaluated.Stage == EvaluationStage.MidTerm)
        {
            MidTermEvaluation = evaluation;
        }
        else
        {
            FinalEvaluation = evaluation;
            FinalEvaluationIsOverdue = false;
        }
    }

    public void Apply(HostEvaluated evaluated) => HostEvaluation = new Evaluation(evaluated.Rating, evaluated.Comments, evaluated.EvaluatedAt);

    public void Apply(FinalEvaluationOverdue _) => FinalEvaluationIsOverdue = true;

    public void Apply(InternshipCompleted completed)
    {
        State = InternshipState.Completed;
        StartedOn = completed.StartedOn;
        EndedOn = completed.EndedOn;
        CertificateNumber = completed.CertificateNumber;
        ActiveStudentId = null;
    }

    public void Apply(InternshipTerminated terminated)
    {
        State = InternshipState.Terminated;
        StateReason = terminated.Reason;
        EndedBy = terminated.EndedBy;
        EndedOn = terminated.EndedOn;
        ActiveStudentId = null;
    }

    public void Apply(AmendmentProposed proposed) =>
        PendingAmendment = new PendingAmendment(proposed.AmendmentId, proposed.Changes, proposed.Reason, proposed.ProposedBy, [proposed.ProposedBy]);

    public void Apply(AmendmentSignatureGiven signed) => PendingAmendment?.SignedBy.Add(signed.Party);

    public void Apply(AmendmentTookEffect tookEffect)
    {
        Terms = tookEffect.Terms;
        PendingAmendment = null;
        AmendmentsInEffect.Add(tookEffect.AmendmentId);
        if (State == InternshipState.Endorsed && Endorsement?.Covers(Terms) != true)
        {
            // The endorsement no longer covers the amended period or place: the internship needs a new one to start.
            State = InternshipState.Agreed;
        }
    }
}
