namespace Trax.Clicks;

/// <summary>Mints click ids; a seam so that tests can force a collision.</summary>
public interface IClickIdGenerator
{
    string NewClickId();
}
