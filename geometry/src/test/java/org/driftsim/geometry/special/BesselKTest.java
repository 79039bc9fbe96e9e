package org.driftsim.geometry.special;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** log K_ν(x) against 40-digit references, recurrences and closed forms. */
class BesselKTest {

  /**
   * {ν, x, log K_ν(x)} on the grid ν ∈ {0, 0.1, 0.3, 0.5, 1, 1.5, 2.7, 5, 12.5, 40} ×
   * x ∈ {1e-8, 1e-3, 0.1, 1, 5, 30, 200, 1e4}, produced (for the double values of ν and x) by
   * <pre>
   * python3 -c "from mpmath import mp,besselk,log,mpf; mp.dps=40; [print(n,x,mp.nstr(log(besselk(mpf(n),mpf(x))),20)) for n in (0,0.1,0.3,0.5,1,1.5,2.7,5,12.5,40) for x in (1e-8,1e-3,0.1,1,5,30,200,1e4)]"
   * </pre>
   */
  private static final double[][] REFERENCE = {
      {0.0, 1e-8, 2.9197478174224400518},
      {0.0, 1e-3, 1.9492885501921987066},
      {0.0, 0.1, 0.8866843666787421268},
      {0.0, 1, -0.8650643989067880968},
      {0.0, 5, -5.6018312137170631795},
      {0.0, 30, -31.478906854243695315},
      {0.0, 200, -202.42399077620448183},
      {0.0, 1e4, -10004.379391332718429},
      {0.1, 1e-8, 3.4460786326410467826},
      {0.1, 1e-3, 2.0377846308823502366},
      {0.1, 0.1, 0.9030244871822132702},
      {0.1, 1, -0.86140976163042263353},
      {0.1, 5, -5.6009145778642460397},
      {0.1, 30, -31.47874287023615659},
      {0.1, 200, -202.42396583836915906},
      {0.1, 1e4, -10004.379390832743426},
      {0.3, 1e-8, 6.1367840679062074189},
      {0.3, 1e-3, 2.6676827927587384953},
      {0.3, 0.1, 1.0314236724695096689},
      {0.3, 1, -0.83223449486755587527},
      {0.3, 5, -5.5935829670318899895},
      {0.3, 30, -31.477431008272061829},
      {0.3, 200, -202.42376633572352236},
      {0.3, 1e4, -10004.379386832943405},
      {0.5, 1e-8, 9.436131714620910158},
      {0.5, 1e-3, 3.678668992135795948},
      {0.5, 0.1, 1.2770838991417502411},
      {0.5, 1, -0.77420864735527256764},
      {0.5, 5, -5.5789276035723227549},
      {0.5, 30, -31.474807338186350255},
      {0.5, 200, -202.42336733062929091},
      {0.5, 1e4, -10004.379378833343364},
      {1.0, 1e-8, 18.420680743952364499},
      {1.0, 1e-3, 6.907751517131146853},
      {1.0, 0.1, 2.2878617121071676644},
      {1.0, 1, -0.50765194821075233095},
      {1.0, 5, -5.5103692965852233155},
      {1.0, 30, -31.462509841343925037},
      {1.0, 200, -202.42149699775216829},
      {1.0, 1e4, -10004.3793413352182},
      {1.5, 1e-8, 27.856812468573275559},
      {1.5, 1e-3, 10.587423771451016512},
      {1.5, 0.1, 3.6749791719401207347},
      {1.5, 1, -0.08106146679532725822},
      {1.5, 5, -5.3966060467783681287},
      {1.5, 30, -31.442017515363359385},
      {1.5, 200, -202.41837978911825183},
      {1.5, 1e4, -10004.379278838343031},
      {2.7, 1e-8, 51.349008769278401798},
      {2.7, 1e-3, 20.264109866799974951},
      {2.7, 0.1, 7.8286814213496610532},
      {2.7, 1, 1.475733207921348965},
      {2.7, 5, -4.9439703042358165766},
      {2.7, 30, -31.359436773127811585},
      {2.7, 200, -202.40581136656454094},
      {2.7, 1e4, -10004.379026850943669},
      {5.0, 1e-8, 98.054046272349554107},
      {5.0, 1e-3, 40.489418884998412665},
      {5.0, 0.1, 17.462943082635024389},
      {5.0, 1, 5.888768782293728388},
      {5.0, 5, -3.4201883628440003858},
      {5.0, 30, -31.069816472791915068},
      {5.0, 200, -202.36164939309569246},
      {5.0, 1e4, -10004.378141395237693},
      {12.5, 1e-8, 256.9640493877803849},
      {12.5, 1e-3, 113.05248105391339924},
      {12.5, 0.1, 55.487636361747398212},
      {12.5, 1, 26.683823393874931884},
      {12.5, 5, 6.0571899799316115865},
      {12.5, 30, -28.949399000910291023},
      {12.5, 200, -202.0344622235675983},
      {12.5, 1e4, -10004.371579224318065},
      {40.0, 1e-8, 870.49173006057594424},
      {40.0, 1e-3, 409.97471145535655103},
      {40.0, 0.1, 225.76783991973311626},
      {40.0, 1, 133.65809058662236289},
      {40.0, 5, 69.127063381989267844},
      {40.0, 30, -7.7855816486880089845},
      {40.0, 200, -198.44692105287970675},
      {40.0, 1e4, -10004.29939543891933},
  };

  /**
   * Absolute 1e-13 on log K (relative 1e-13 on K), or 1 ulp of log K where that is coarser
   * (|log K| > 512: a double cannot resolve 1e-13 there).
   */
  @Test
  void logKMatchesHighPrecisionReferences() {
    for (double[] row : REFERENCE) {
      double expected = row[2];
      assertEquals(expected, BesselK.logK(row[0], row[1]),
          Math.max(1e-13, Math.ulp(expected)), "log K_" + row[0] + "(" + row[1] + ")");
    }
  }

  /**
   * K_{ν+1}(x) = K_{ν−1}(x) + (2ν/x)K_ν(x) (DLMF 10.29.1) at 2000 random ν ∈ (0, 30],
   * x ∈ [1e-6, 1e4] (log-uniform), in log space with log-sum-exp; tolerance 1e-13 absolute on
   * log K or 4 ulp of log K_{ν+1} where that is coarser (three evaluations and a sum).
   */
  @Test
  void recurrenceInTheOrderHolds() {
    Random rnd = new Random(81);
    for (int i = 0; i < 2000; i++) {
      double nu = 30 * (1 - rnd.nextDouble());
      double x = Math.exp(Math.log(1e-6) + rnd.nextDouble() * Math.log(1e10));
      double a = BesselK.logK(nu - 1, x);
      double b = Math.log(2 * nu / x) + BesselK.logK(nu, x);
      double m = Math.max(a, b);
      double rhs = m + Math.log(Math.exp(a - m) + Math.exp(b - m));
      double lhs = BesselK.logK(nu + 1, x);
      assertEquals(rhs, lhs, Math.max(1e-13, 4 * Math.ulp(lhs)), "ν = " + nu + ", x = " + x);
    }
  }

  /**
   * Closed forms at 500 random x ∈ [1e-8, 1e4]: K_{1/2}(x) = sqrt(π/(2x))e^{−x},
   * K_{3/2}(x) = K_{1/2}(x)(1 + 1/x), and K_{−ν} = K_ν exactly (same tolerance as above).
   */
  @Test
  void halfIntegerOrdersAndNegativeOrdersMatchClosedForms() {
    Random rnd = new Random(82);
    for (int i = 0; i < 500; i++) {
      double x = Math.exp(Math.log(1e-8) + rnd.nextDouble() * Math.log(1e12));
      double half = 0.5 * Math.log(Math.PI / (2 * x)) - x;
      assertEquals(half, BesselK.logK(0.5, x), Math.max(1e-13, 2 * Math.ulp(half)), "x = " + x);
      double threeHalves = half + Math.log1p(1 / x);
      assertEquals(threeHalves, BesselK.logK(1.5, x),
          Math.max(1e-13, 2 * Math.ulp(threeHalves)), "x = " + x);
      double nu = 10 * rnd.nextDouble();
      assertEquals(BesselK.logK(nu, x), BesselK.logK(-nu, x), 0.0, "ν = " + nu + ", x = " + x);
    }
  }

  @Test
  void logKAtZeroIsPlusInfinity() {
    for (double nu : new double[] {0.0, 0.3, 1.0, 40.0, -2.5}) {
      assertEquals(Double.POSITIVE_INFINITY, BesselK.logK(nu, 0.0), "ν = " + nu);
    }
  }

  @Test
  void badArgumentsAreRejectedWithTheMessage() {
    assertEquals("log K_nu(x) needs a finite order and finite x >= 0, got nu = 1.0, x = -1.0",
        assertThrows(IllegalArgumentException.class, () -> BesselK.logK(1.0, -1.0))
            .getMessage());
    assertEquals("log K_nu(x) needs a finite order and finite x >= 0, got nu = 0.5, x = -1.0E-300",
        assertThrows(IllegalArgumentException.class, () -> BesselK.logK(0.5, -1e-300))
            .getMessage());
    assertEquals("log K_nu(x) needs a finite order and finite x >= 0, got nu = 1.0, x = NaN",
        assertThrows(IllegalArgumentException.class, () -> BesselK.logK(1.0, Double.NaN))
            .getMessage());
    assertEquals(
        "log K_nu(x) needs a finite order and finite x >= 0, got nu = 1.0, x = Infinity",
        assertThrows(IllegalArgumentException.class,
            () -> BesselK.logK(1.0, Double.POSITIVE_INFINITY)).getMessage());
    assertEquals("log K_nu(x) needs a finite order and finite x >= 0, got nu = NaN, x = 1.0",
        assertThrows(IllegalArgumentException.class, () -> BesselK.logK(Double.NaN, 1.0))
            .getMessage());
  }
}
