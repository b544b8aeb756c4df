using System.Numerics;
using CsCheck;
using Trax.Rates;

namespace Trax.Tests.Rates;

/// <summary>
/// The rate in force on a day (weekends take the last working day's, up to a week), cross rates through the stored
/// base, 4-decimal half-to-even results, and missing rates said as such.
/// </summary>
public sealed class RateBookTests
{
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static readonly DateOnly Tuesday = new(2026, 11, 24);

    private static readonly DayRates[] Ecb = [.. EcbRatesXml.Read(RatesFileTests.Sample, "fetch:x").Days];

    [Test]
    public void Find_AWorkingDay_IsThatDaysPublication()
    {
        var rate = Book("EUR").Find(Tuesday, "USD").Rate!;

        Assert.That(rate.PublishedOn, Is.EqualTo(Tuesday));
        Assert.That(rate.CurrencyUnits, Is.EqualTo(1.0823m));
        Assert.That(rate.BaseUnits, Is.EqualTo(1m));
        Assert.That(rate.Source, Is.EqualTo("fetch:x"));
    }

    [TestCase("2026-11-21", "2026-11-20")]
    [TestCase("2026-11-22", "2026-11-20")]
    [TestCase("2026-11-25", "2026-11-24")]
    [TestCase("2026-12-01", "2026-11-24")]
    public void Find_ADayWithoutPublication_TakesTheLatestOfTheWeekBefore(string day, string published)
    {
        var lookup = Book("EUR").Find(DateOnly.Parse(day), "GBP");

        Assert.That(lookup.Found, Is.True);
        Assert.That(lookup.Rate!.PublishedOn, Is.EqualTo(DateOnly.Parse(published)));
    }

    [TestCase("2026-12-02")]
    [TestCase("2026-11-19")]
    [TestCase("2026-11-01")]
    public void Find_NoPublicationWithinAWeek_IsMissingNoRates(string day)
    {
        var lookup = Book("EUR").Find(DateOnly.Parse(day), "GBP");

        Assert.That(lookup.Found, Is.False);
        Assert.That(lookup.Missing, Is.EqualTo(RateMissing.NoRates));
        Assert.That(lookup.Currency, Is.EqualTo("GBP"));
    }

    [Test]
    public void Convert_ToTheStoredBase_DividesByTheCurrencysRate()
    {
        var converted = Book("EUR").Convert(100m, "USD", Tuesday);

        Assert.That(converted.Amount, Is.EqualTo(92.3958m), "100 / 1.0823 = 92.39582...");
    }

    [Test]
    public void Convert_CrossRate_GoesThroughTheStoredBaseOfOneDay()
    {
        var book = Book("USD");

        var fromGbp = book.Convert(100m, "gbp", Tuesday);
        var fromEur = book.Convert(100m, "EUR", Tuesday);

        Assert.That(fromGbp.Amount, Is.EqualTo(127.0857m), "100 × 1.0823 / 0.85163 = 127.08570...");
        Assert.That(fromGbp.Lookup.Rate!.Rate, Is.EqualTo(1.0823m / 0.85163m));
        Assert.That(fromEur.Amount, Is.EqualTo(108.23m), "the stored base itself: 100 × 1.0823");
    }

    [Test]
    public void Convert_TheBaseCurrency_IsTheAmountWithoutAnyRate()
    {
        var book = new RateBook("EUR", Friday, Tuesday, []);

        var converted = book.Convert(25.5m, "EUR", Monday);

        Assert.That(converted.Amount, Is.EqualTo(25.5m));
        Assert.That(converted.Lookup.Rate!.PublishedOn, Is.Null, "no publication needed");
    }

    [TestCase("XAU", "EUR", "currency-not-published")]
    [TestCase("USD", "BRL", "base-not-published")]
    [TestCase("", "EUR", "no-currency")]
    [TestCase(null, "EUR", "no-currency")]
    [TestCase("US", "EUR", "no-currency")]
    public void Convert_RateNotPublished_IsMissingNeverZero(string? currency, string baseCurrency, string missing)
    {
        var converted = Book(baseCurrency).Convert(100m, currency, Tuesday);

        Assert.That(converted.Amount, Is.Null);
        Assert.That(converted.Overflow, Is.False);
        Assert.That(converted.Lookup.Missing, Is.EqualTo(missing));
    }

    [Test]
    public void Convert_LatestPublicationLacksTheCurrency_IsMissingEvenIfAnOlderHasIt()
    {
        var older = new DayRates(Monday, "EUR", new Dictionary<string, decimal> { ["RUB"] = 90m, ["USD"] = 1.08m }, "x");
        var latest = new DayRates(Tuesday, "EUR", new Dictionary<string, decimal> { ["USD"] = 1.09m }, "x");
        var book = new RateBook("EUR", Monday, Tuesday.AddDays(3), [older, latest]);

        Assert.That(book.Convert(10m, "RUB", Monday).Amount, Is.EqualTo(0.1111m));
        Assert.That(book.Convert(10m, "RUB", Tuesday.AddDays(3)).Lookup.Missing, Is.EqualTo(RateMissing.CurrencyNotPublished));
    }

    [Test]
    public void Convert_PublicationsStoredLater_ChangeOnlyTheDaysFromTheirOwnUntilTheNextPublication()
    {
        // docs/currency.md: a publication dated after a day never changes it; one stored later for a day between the
        // publication in force and that day (a backfilled fetch, a correction) becomes the rate of the days after it too.
        var monday = new DayRates(Monday, "EUR", new Dictionary<string, decimal> { ["USD"] = 1.25m }, "x");
        var backfilled = new DayRates(Tuesday, "EUR", new Dictionary<string, decimal> { ["USD"] = 2m }, "x");
        var after = new DayRates(Tuesday.AddDays(5), "EUR", new Dictionary<string, decimal> { ["USD"] = 4m }, "x");
        var thursday = Tuesday.AddDays(2);

        var before = new RateBook("EUR", Monday, Tuesday.AddDays(5), [monday]).Convert(10m, "USD", thursday).Amount;
        var laterDay = new RateBook("EUR", Monday, Tuesday.AddDays(5), [monday, after]).Convert(10m, "USD", thursday).Amount;
        var backfill = new RateBook("EUR", Monday, Tuesday.AddDays(5), [monday, backfilled, after]);

        Assert.That((before, laterDay), Is.EqualTo((8m, 8m)), "a publication dated after the day never changes it");
        Assert.That(backfill.Convert(10m, "USD", thursday).Amount, Is.EqualTo(5m), "Tuesday's, stored later, is Thursday's rate too");
        Assert.That(backfill.Convert(10m, "USD", Monday).Amount, Is.EqualTo(8m), "the days before it keep theirs");
    }

    [TestCase("0.0001", "0.0000")]
    [TestCase("0.0003", "0.0002")]
    [TestCase("0.0005", "0.0002")]
    [TestCase("0.0007", "0.0004")]
    [TestCase("-0.0003", "-0.0002")]
    [TestCase("12345.6789", "6172.8394")]
    public void Convert_HalfwayBetweenTwoResults_RoundsToTheEvenOne(string amount, string expected)
    {
        var halves = new DayRates(Tuesday, "EUR", new Dictionary<string, decimal> { ["XXX"] = 2m }, "x");
        var book = new RateBook("EUR", Tuesday, Tuesday, [halves]);

        var converted = book.Convert(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "XXX", Tuesday);

        Assert.That(converted.Amount, Is.EqualTo(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Convert_BeyondDecimalsRange_IsOverflowNotAnError()
    {
        var book = new RateBook("USD", Tuesday, Tuesday, Ecb);

        var converted = book.Convert(decimal.MaxValue, "EUR", Tuesday);

        Assert.That(converted.Amount, Is.Null);
        Assert.That(converted.Overflow, Is.True);
        Assert.That(converted.Lookup.Found, Is.True);
    }

    [Test]
    public void Find_ADayTheBookWasNotLoadedFor_Throws()
    {
        var book = new RateBook("EUR", Monday, Tuesday, Ecb);

        Assert.Throws<ArgumentOutOfRangeException>(() => book.Find(Friday, "USD"));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Find(Tuesday.AddDays(1), "USD"));
    }

    [Test]
    public void RateDay_IsTheUtcDayOfReceipt()
    {
        Assert.That(RateBook.RateDay(new DateTimeOffset(2026, 11, 24, 23, 30, 0, TimeSpan.FromHours(-3.5))), Is.EqualTo(new DateOnly(2026, 11, 25)));
        Assert.That(RateBook.RateDay(new DateTimeOffset(2026, 11, 25, 0, 30, 0, TimeSpan.FromHours(2))), Is.EqualTo(new DateOnly(2026, 11, 24)));
    }

    /// <summary>
    /// Any payout Trax accepts (±10¹², 4 decimals) and any two valid rates: the result is the exact value
    /// amount × base ÷ currency, computed here as a fraction of big integers, rounded to 4 decimals half to even
    /// (many draws fall exactly halfway, where half-away-from-zero would differ).
    /// </summary>
    [Test]
    public void Convert_AnyAmountAndRates_IsTheExactQuotientRoundedHalfToEven()
    {
        var amount = Gen.Long[-1_000_000_000_000_0000L, 1_000_000_000_000_0000L].Select(n => new decimal(n) / 10000m);
        var rate = Gen.Frequency(
            (3, Gen.Long[1, 10_000_000_000].Select(n => new decimal(n) / 10000m)),

            // Powers of 2 and 5 divide exactly, so results often fall exactly halfway: the rounding rule shows.
            (2, Gen.OneOf(2m, 4m, 8m, 16m, 32m, 0.5m, 0.25m, 1.6m, 3.2m, 6.25m, 12.5m, 20m, 80m, 1m)),
            (1, Gen.Long[RateDigits(RateValues.Min), RateDigits(RateValues.Max)].Select(n => new decimal(n) / 10_000_000_000m)))
            .Where(RateValues.IsValid);

        Gen.Select(amount, rate, rate).Sample((a, currencyUnits, baseUnits) =>
        {
            var publication = new DayRates(Tuesday, "EUR", new Dictionary<string, decimal> { ["AAA"] = currencyUnits, ["BBB"] = baseUnits }, "x");
            var converted = new RateBook("BBB", Tuesday, Tuesday, [publication]).Convert(a, "AAA", Tuesday).Amount!.Value;
            return converted == ExactRounded(a, baseUnits, currencyUnits);
        }, iter: 20_000, print: t => $"{t.Item1} × {t.Item3} / {t.Item2}");
    }

    private static long RateDigits(decimal rate) => (long)(rate * 10_000_000_000m);

    /// <summary>a × b ÷ c rounded to 4 decimals, half to even, in exact integer arithmetic.</summary>
    private static decimal ExactRounded(decimal a, decimal b, decimal c)
    {
        var (an, ad) = Fraction(a);
        var (bn, bd) = Fraction(b);
        var (cn, cd) = Fraction(c);
        var numerator = an * bn * cd * 10_000;
        var denominator = ad * bd * cn;
        var quotient = BigInteger.DivRem(BigInteger.Abs(numerator), denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient++;
        }

        return (decimal)(numerator.Sign < 0 ? -quotient : quotient) / 10000m;
    }

    private static (BigInteger Numerator, BigInteger Denominator) Fraction(decimal value)
    {
        var scale = value.Scale;
        return (new BigInteger(value * (decimal)Math.Pow(10, scale)), BigInteger.Pow(10, scale));
    }

    private static RateBook Book(string baseCurrency) => new(baseCurrency, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), Ecb);
}
