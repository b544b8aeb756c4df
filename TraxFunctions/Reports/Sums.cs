using Trax.Core;

namespace Trax.Reports;

/// <summary>One group's money by status.</summary>
public readonly record struct Sums(Money Approved, Money Pending, Money Rejected)
{
    public static Sums Zero => default;

    /// <summary>What counts: approved and pending, net of rejections.</summary>
    public Money Net => Approved.Plus(Pending);

    public Sums Add(ConversionStatus status, Money money) => status switch
    {
        ConversionStatus.Approved => this with { Approved = Approved.Plus(money) },
        ConversionStatus.Pending => this with { Pending = Pending.Plus(money) },
        _ => this with { Rejected = Rejected.Plus(money) },
    };

    public Sums Plus(Sums other) => new(Approved.Plus(other.Approved), Pending.Plus(other.Pending), Rejected.Plus(other.Rejected));
}
