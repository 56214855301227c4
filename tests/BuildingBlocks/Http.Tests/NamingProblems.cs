namespace StudentBase.Http.Tests;

/// <summary>Partners branch on a problem's type, so the catalogue must be stable and unambiguous.</summary>
public class NamingProblems
{
    [Fact]
    public void every_kind_has_its_own_type_under_the_problems_prefix()
    {
        Problems.All.Select(kind => kind.Type).ShouldBeUnique();
        Problems.All.ShouldAllBe(kind => kind.Type == Problems.TypePrefix + kind.Name);
    }

    [Fact]
    public void every_kind_is_an_error_status_with_a_title_and_a_description()
    {
        Problems.All.ShouldAllBe(kind => kind.Status >= 400 && kind.Status < 600);
        Problems.All.ShouldAllBe(kind => kind.Title.Length > 0 && kind.Description.Length > 0);
    }

    [Fact]
    public void a_refusal_names_its_rule_in_the_problem()
    {
        var problem = new Refusal("one-registration-per-university", "Already registered.", "已经登记。").ToProblem();

        problem.Type.ShouldBe("/problems/rule-violated");
        problem.Detail.ShouldBe("Already registered.");
        problem.Extensions["rule"].ShouldBe("one-registration-per-university");
    }
}
