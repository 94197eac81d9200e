import type { GpuVendor } from '../schema/aliases.js';

/**
 * A GPU model as its vendor's public documents describe it: memory, memory bandwidth and peak rates,
 * per device (one GPU as the driver shows it: one of a K80's or an A16's several GPUs, one MI250X package).
 */
export interface GpuModel {
  vendor: GpuVendor;
  /** The canonical name: 'H100 SXM', 'A100 80GB', 'T4'. */
  model: string;
  /** GB (10^9 bytes) per device, as the data sheet states it (80 GB, not 80 GiB). */
  vramGb: number;
  /** Peak memory bandwidth, GB/s per device; null where the vendor publishes none. */
  bandwidthGBs: number | null;
  /**
   * Dense FP16/BF16 tensor (matrix) throughput, TFLOPS per device, without sparsity: half the figure data
   * sheets print with an asterisk. FP32 accumulate where the two differ (GeForce). For devices without
   * tensor cores, the best published half-precision rate; null where none is published.
   */
  fp16Tflops: number | null;
  /** FP32 non-tensor (vector) TFLOPS per device; null where none is published. */
  fp32Tflops: number | null;
  /** NVIDIA's CUDA compute capability ('8.0'); null for other vendors. */
  computeCapability: string | null;
  /** The public document(s) every figure of the row comes from: title and URL. */
  source: string;
  /** SkyPilot's accelerator name where it is not the model with blanks made `-` (`A100` for A100 40GB). */
  skypilot?: string;
}

/** A row of the table: the model and the names that lead to it. */
export interface GpuModelRow extends GpuModel {
  /**
   * Further names of this model and no other, normalised as the lookup does (lower case, words joined by
   * `-`, vendor words like NVIDIA, Tesla, GeForce, AMD, Instinct, Intel dropped). The model's own name is
   * always one, and every name also counts without its `-` (`rtx-4090` and `rtx4090`).
   */
  names?: readonly string[];
  /**
   * Names that could be this model or another one (`a100`: A100 40GB or A100 80GB). A memory size written
   * after one (`a100-sxm4-80gb`) picks the member with that memory; else the member with the smaller
   * figures is taken, and the lookup says it assumed so.
   */
  families?: readonly string[];
}

// Documents cited by several rows.
const CUDA_GPUS = 'compute capability: NVIDIA "CUDA GPUs - Compute Capability", https://developer.nvidia.com/cuda-gpus';
const A100 =
  'NVIDIA A100 Tensor Core GPU data sheet, https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf';
const H100 =
  'NVIDIA H100 Tensor Core GPU data sheet, https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet (and https://www.nvidia.com/en-us/data-center/h100/)';
const H200 = 'NVIDIA H200 Tensor Core GPU product page, https://www.nvidia.com/en-us/data-center/h200/';
const GH200 =
  'NVIDIA GH200 Grace Hopper Superchip product page, https://www.nvidia.com/en-us/data-center/grace-hopper-superchip/';
const V100 = 'NVIDIA Tesla V100 product page and data sheet, https://www.nvidia.com/en-us/data-center/v100/';
const ADA =
  'NVIDIA Ada Lovelace GPU architecture whitepaper, https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf';
const APPLE_SPECS = "base memory: Apple's Mac tech specs, https://support.apple.com/specs";
const APPLE_M1_PRO_MAX =
  'Apple Newsroom "Introducing M1 Pro and M1 Max", https://www.apple.com/newsroom/2021/10/introducing-m1-pro-and-m1-max-the-most-powerful-chips-apple-has-ever-built/';
const APPLE_M2_PRO_MAX =
  'Apple Newsroom "Apple unveils M2 Pro and M2 Max", https://www.apple.com/newsroom/2023/01/apple-unveils-m2-pro-and-m2-max-next-generation-chips-for-next-level-workflows/';
const APPLE_M3 =
  'Apple Newsroom "Apple unveils M3, M3 Pro, and M3 Max", https://www.apple.com/newsroom/2023/10/apple-unveils-m3-m3-pro-and-m3-max-the-most-advanced-chips-for-a-personal-computer/';
const APPLE_M4_PRO_MAX =
  'Apple Newsroom "Apple introduces M4 Pro and M4 Max", https://www.apple.com/newsroom/2024/10/apple-introduces-m4-pro-and-m4-max/';
/** Apple's unified memory: the row gives the smallest configuration Apple sells the chip in, and its bandwidth. */
const APPLE_NOTE =
  'unified memory of the base configuration (the smallest Apple sells; larger ones exist); Apple publishes no TFLOPS per configuration';

const A100_FAMILY = ['a100', 'a100-sxm4', 'a100-sxm', 'a100-pcie'];
const V100_FAMILY = ['v100', 'v100-sxm2', 'v100-sxm3', 'v100-pcie', 'v100-dgxs'];

/**
 * The GPU table. Every figure is the vendor's, as the row's `source` names it; a derived figure (a dense
 * rate halved from a sparsity figure, a per-GPU share of a board's figure) says so there.
 */
export const GPU_MODELS: readonly GpuModelRow[] = [
  // ---- NVIDIA data center ----------------------------------------------------------------------------
  {
    vendor: 'nvidia',
    model: 'B200',
    vramGb: 180,
    bandwidthGBs: 8000,
    fp16Tflops: 2250,
    fp32Tflops: 75,
    computeCapability: '10.0',
    source: `NVIDIA HGX platform page, HGX B200 column (FP16/BF16 36 PFLOPS with sparsity and FP32 600 TFLOPS for 8 GPUs: 2,250 dense and 75 per GPU), https://www.nvidia.com/en-us/data-center/hgx/; NVIDIA DGX B200 page (1,440 GB, 64 TB/s HBM3e for 8 GPUs: 180 GB, 8,000 GB/s per GPU), https://www.nvidia.com/en-us/data-center/dgx-b200/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'H200',
    vramGb: 141,
    bandwidthGBs: 4800,
    fp16Tflops: 989,
    fp32Tflops: 67,
    computeCapability: '9.0',
    source: `${H200}, H200 SXM column (BF16/FP16 1,979 TFLOPS with sparsity); ${CUDA_GPUS}`,
    names: ['h200-sxm', 'h200-sxm5', 'h200-141gb', 'h200-hbm3e'],
  },
  {
    vendor: 'nvidia',
    model: 'H200 NVL',
    vramGb: 141,
    bandwidthGBs: 4800,
    fp16Tflops: 835,
    fp32Tflops: 60,
    computeCapability: '9.0',
    source: `${H200}, H200 NVL column (BF16/FP16 1,671 TFLOPS with sparsity); ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'H100 SXM',
    vramGb: 80,
    bandwidthGBs: 3350,
    fp16Tflops: 989,
    fp32Tflops: 67,
    computeCapability: '9.0',
    source: `${H100}, H100 SXM column (BF16/FP16 1,979 TFLOPS with sparsity; 989 dense as in the Hopper whitepaper); ${CUDA_GPUS}`,
    skypilot: 'H100',
    // nvidia-smi and GPU Feature Discovery name the SXM part by its HBM3 (`NVIDIA H100 80GB HBM3`);
    // GKE's A3 Mega and SkyPilot's H100-MEGA are SXM parts.
    names: ['h100-sxm5', 'h100-80gb-hbm3', 'h100-hbm3', 'h100-mega'],
    families: ['h100'],
  },
  {
    vendor: 'nvidia',
    model: 'H100 PCIe',
    vramGb: 80,
    bandwidthGBs: 2000,
    fp16Tflops: 756,
    fp32Tflops: 51,
    computeCapability: '9.0',
    source: `${H100}, H100 PCIe column (BF16/FP16 1,513 TFLOPS with sparsity; 756 dense as in the Hopper whitepaper); ${CUDA_GPUS}`,
    skypilot: 'H100',
    names: ['h100-80gb-hbm2e', 'h100-hbm2e'],
    families: ['h100'],
  },
  {
    vendor: 'nvidia',
    model: 'H100 NVL',
    vramGb: 94,
    bandwidthGBs: 3900,
    fp16Tflops: 835,
    fp32Tflops: 60,
    computeCapability: '9.0',
    source: `${H100}, H100 NVL column (94 GB, 3.9 TB/s; BF16/FP16 1,671 TFLOPS with sparsity); ${CUDA_GPUS}`,
    families: ['h100'],
  },
  {
    vendor: 'nvidia',
    model: 'H20',
    vramGb: 96,
    bandwidthGBs: null,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: '9.0',
    source:
      'NVIDIA publishes no data sheet for the H20 (a China-market Hopper part): 96 GB as resellers list it, e.g. "NVIDIA H20 96GB", https://willitrunai.com/es/gpus/h20-96gb; rates left unknown; compute capability 9.0 as for every Hopper GPU on NVIDIA "CUDA GPUs - Compute Capability", https://developer.nvidia.com/cuda-gpus',
  },
  {
    vendor: 'nvidia',
    model: 'GH200 96GB',
    vramGb: 96,
    bandwidthGBs: 4000,
    fp16Tflops: 989,
    fp32Tflops: 67,
    computeCapability: '9.0',
    source: `${GH200} (96 GB HBM3, 4 TB/s; FP32 67 TFLOPS, BF16/FP16 1,979 TFLOPS with sparsity); ${CUDA_GPUS}`,
    skypilot: 'GH200',
    // nvidia-smi names the 96 GB HBM3 superchip after its Grace memory: `NVIDIA GH200 480GB`.
    names: ['gh200-480gb', 'gh200-hbm3'],
    families: ['gh200'],
  },
  {
    vendor: 'nvidia',
    model: 'GH200 144GB',
    vramGb: 144,
    bandwidthGBs: 4900,
    fp16Tflops: 989,
    fp32Tflops: 67,
    computeCapability: '9.0',
    source: `${GH200} (144 GB HBM3e, 4.9 TB/s; FP32 67 TFLOPS, BF16/FP16 1,979 TFLOPS with sparsity); ${CUDA_GPUS}`,
    names: ['gh200-hbm3e'],
    families: ['gh200'],
  },
  {
    vendor: 'nvidia',
    model: 'A100 80GB',
    vramGb: 80,
    bandwidthGBs: 2039,
    fp16Tflops: 312,
    fp32Tflops: 19.5,
    computeCapability: '8.0',
    source: `${A100}, A100 80GB SXM column (BF16/FP16 tensor 312 TFLOPS dense, 624 with sparsity; the 80GB PCIe part has 1,935 GB/s); ${CUDA_GPUS}`,
    families: A100_FAMILY,
  },
  {
    vendor: 'nvidia',
    model: 'A100 40GB',
    vramGb: 40,
    bandwidthGBs: 1555,
    fp16Tflops: 312,
    fp32Tflops: 19.5,
    computeCapability: '8.0',
    source: `${A100}, A100 40GB PCIe and SXM columns (BF16/FP16 tensor 312 TFLOPS dense, 624 with sparsity); ${CUDA_GPUS}`,
    skypilot: 'A100',
    families: A100_FAMILY,
  },
  {
    vendor: 'nvidia',
    model: 'A30',
    vramGb: 24,
    bandwidthGBs: 933,
    fp16Tflops: 165,
    fp32Tflops: 10.3,
    computeCapability: '8.0',
    source: `NVIDIA A30 Tensor Core GPU product page and data sheet (BF16/FP16 tensor 165 | 330 TFLOPS with sparsity), https://www.nvidia.com/en-us/data-center/products/a30-gpu/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'A40',
    vramGb: 48,
    bandwidthGBs: 696,
    fp16Tflops: 149.7,
    fp32Tflops: 37.4,
    computeCapability: '8.6',
    source: `NVIDIA A40 product page and data sheet (BF16/FP16 tensor 149.7 | 299.4 TFLOPS with sparsity), https://www.nvidia.com/en-us/data-center/a40/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'A10',
    vramGb: 24,
    bandwidthGBs: 600,
    fp16Tflops: 125,
    fp32Tflops: 31.2,
    computeCapability: '8.6',
    source: `NVIDIA A10 Tensor Core GPU product page and data sheet (BF16/FP16 tensor 125 | 250 TFLOPS with sparsity), https://www.nvidia.com/en-us/data-center/products/a10-gpu/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'A10G',
    vramGb: 24,
    bandwidthGBs: 600,
    fp16Tflops: 70,
    fp32Tflops: 35,
    computeCapability: '8.6',
    source: `AWS EC2 G5 instances (NVIDIA A10G, 24 GB), https://aws.amazon.com/ec2/instance-types/g5/; NVIDIA's A10G figures (600 GB/s, FP16/BF16 tensor 70 TFLOPS dense, FP32 35 TFLOPS) as tabled in Baseten "NVIDIA A10 vs A10G for ML model inference", https://www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'A16',
    vramGb: 16,
    bandwidthGBs: 200,
    fp16Tflops: 17.9,
    fp32Tflops: 4.5,
    computeCapability: '8.6',
    source: `NVIDIA A16 product page and data sheet (a board of 4 GPUs; per GPU: 16 GB, 200 GB/s, FP32 4.5, FP16 tensor 17.9 | 35.9 TFLOPS with sparsity), https://www.nvidia.com/en-us/data-center/products/a16-gpu/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'A2',
    vramGb: 16,
    bandwidthGBs: 200,
    fp16Tflops: 18,
    fp32Tflops: 4.5,
    computeCapability: '8.6',
    source: `NVIDIA A2 Tensor Core GPU product page and data sheet (BF16/FP16 tensor 18 | 36 TFLOPS with sparsity), https://www.nvidia.com/en-us/data-center/products/a2/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'L40S',
    vramGb: 48,
    bandwidthGBs: 864,
    fp16Tflops: 362,
    fp32Tflops: 91.6,
    computeCapability: '8.9',
    source: `NVIDIA L40S product page and data sheet (BF16/FP16 tensor 362.05 | 733 TFLOPS with sparsity), https://www.nvidia.com/en-us/data-center/l40s/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'L40',
    vramGb: 48,
    bandwidthGBs: 864,
    fp16Tflops: 181,
    fp32Tflops: 90.5,
    computeCapability: '8.9',
    source: `NVIDIA L40 product page and data sheet (BF16/FP16 tensor 181.05 | 362.1 TFLOPS with sparsity), https://www.nvidia.com/en-us/data-center/l40/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'L4',
    vramGb: 24,
    bandwidthGBs: 300,
    fp16Tflops: 121,
    fp32Tflops: 30.3,
    computeCapability: '8.9',
    source: `NVIDIA L4 Tensor Core GPU product page and data sheet (BF16/FP16 tensor 242 TFLOPS with sparsity: 121 dense), https://www.nvidia.com/en-us/data-center/l4/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'T4',
    vramGb: 16,
    bandwidthGBs: 320,
    fp16Tflops: 65,
    fp32Tflops: 8.1,
    computeCapability: '7.5',
    source: `NVIDIA T4 Tensor Core GPU product page and data sheet (mixed-precision FP16/FP32 tensor 65 TFLOPS), https://www.nvidia.com/en-us/data-center/tesla-t4/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'T4G',
    vramGb: 16,
    bandwidthGBs: 320,
    fp16Tflops: 65,
    fp32Tflops: 8.1,
    computeCapability: '7.5',
    source: `AWS EC2 G5g instances (NVIDIA T4G Tensor Core GPUs, 16 GB), https://aws.amazon.com/ec2/instance-types/g5g/; the T4's figures, NVIDIA T4 product page, https://www.nvidia.com/en-us/data-center/tesla-t4/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'V100 32GB',
    vramGb: 32,
    bandwidthGBs: 900,
    fp16Tflops: 125,
    fp32Tflops: 15.7,
    computeCapability: '7.0',
    source: `${V100}, V100 SXM2 column (tensor 125 TFLOPS, FP32 15.7; the PCIe part: 112 and 14); ${CUDA_GPUS}`,
    families: V100_FAMILY,
  },
  {
    vendor: 'nvidia',
    model: 'V100 16GB',
    vramGb: 16,
    bandwidthGBs: 900,
    fp16Tflops: 125,
    fp32Tflops: 15.7,
    computeCapability: '7.0',
    source: `${V100}, V100 SXM2 column (tensor 125 TFLOPS, FP32 15.7; the PCIe part: 112 and 14); ${CUDA_GPUS}`,
    skypilot: 'V100',
    families: V100_FAMILY,
  },
  {
    vendor: 'nvidia',
    model: 'V100S',
    vramGb: 32,
    bandwidthGBs: 1134,
    fp16Tflops: 130,
    fp32Tflops: 16.4,
    computeCapability: '7.0',
    source: `${V100}, V100S PCIe column; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'P100',
    vramGb: 16,
    bandwidthGBs: 732,
    fp16Tflops: 18.7,
    fp32Tflops: 9.3,
    computeCapability: '6.0',
    source: `NVIDIA Tesla P100 product page and data sheet, P100 PCIe 16 GB column (no tensor cores: FP16 18.7 TFLOPS; the SXM2 part: 21.2 FP16, 10.6 FP32; the 12 GB PCIe part: 549 GB/s), https://www.nvidia.com/en-us/data-center/tesla-p100/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'P40',
    vramGb: 24,
    bandwidthGBs: 346,
    fp16Tflops: null,
    fp32Tflops: 12,
    computeCapability: '6.1',
    source: `NVIDIA Tesla P40 data sheet (no FP16 rate published), https://images.nvidia.com/content/pdf/tesla/184427-Tesla-P40-Datasheet-NV-Final-Letter-Web.pdf; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'P4',
    vramGb: 8,
    bandwidthGBs: 192,
    fp16Tflops: null,
    fp32Tflops: 5.5,
    computeCapability: '6.1',
    source: `NVIDIA Tesla P4 data sheet (no FP16 rate published), https://images.nvidia.com/content/pdf/tesla/184457-Tesla-P4-Datasheet-NV-Final-Letter-Web.pdf; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'K80',
    vramGb: 12,
    bandwidthGBs: 240,
    fp16Tflops: null,
    fp32Tflops: 4.37,
    computeCapability: '3.7',
    source: `NVIDIA Tesla K80 data sheet (a board of 2 GPUs: 24 GB, 480 GB/s and 8.73 TFLOPS FP32 with GPU Boost per board, halved here per GPU; no FP16 rate), https://www.nvidia.com/en-gb/data-center/tesla-k80/; ${CUDA_GPUS}`,
  },
  {
    vendor: 'nvidia',
    model: 'M60',
    vramGb: 8,
    bandwidthGBs: null,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: '5.2',
    source: `NVIDIA Tesla M60 data sheet (a board of 2 GPUs, 16 GB GDDR5: 8 GB per GPU; no bandwidth or TFLOPS published per GPU), https://images.nvidia.com/content/pdf/tesla/tesla-m60-product-brief.pdf; ${CUDA_GPUS}`,
  },
  // ---- NVIDIA workstation and consumer ---------------------------------------------------------------
  {
    vendor: 'nvidia',
    model: 'RTX 6000 Ada',
    vramGb: 48,
    bandwidthGBs: 960,
    fp16Tflops: 364.2,
    fp32Tflops: 91.1,
    computeCapability: '8.9',
    source: `NVIDIA RTX 6000 Ada Generation product page and data sheet (its tensor figure, 1,457 TFLOPS, is FP8 with sparsity: dense FP16 is a quarter of it, 364.2), https://www.nvidia.com/en-us/design-visualization/rtx-6000/; ${ADA}; ${CUDA_GPUS}`,
    skypilot: 'RTX6000-Ada',
    names: ['rtx-6000-ada-generation', 'rtx6000-ada'],
  },
  {
    vendor: 'nvidia',
    model: 'RTX A6000',
    vramGb: 48,
    bandwidthGBs: 768,
    fp16Tflops: 154.8,
    fp32Tflops: 38.7,
    computeCapability: '8.6',
    source: `NVIDIA RTX A6000 product page and data sheet (tensor 309.7 TFLOPS with sparsity: 154.8 dense), https://www.nvidia.com/en-us/design-visualization/rtx-a6000/; ${CUDA_GPUS}`,
    skypilot: 'RTXA6000',
    names: ['a6000'],
  },
  {
    vendor: 'nvidia',
    model: 'RTX A5000',
    vramGb: 24,
    bandwidthGBs: 768,
    fp16Tflops: 111.1,
    fp32Tflops: 27.8,
    computeCapability: '8.6',
    source: `NVIDIA RTX A5000 product page and data sheet (tensor 222.2 TFLOPS with sparsity: 111.1 dense), https://www.nvidia.com/en-us/design-visualization/rtx-a5000/; ${CUDA_GPUS}`,
    skypilot: 'RTXA5000',
    names: ['a5000'],
  },
  {
    vendor: 'nvidia',
    model: 'RTX A4000',
    vramGb: 16,
    bandwidthGBs: 448,
    fp16Tflops: 76.7,
    fp32Tflops: 19.2,
    computeCapability: '8.6',
    source: `NVIDIA RTX A4000 product page and data sheet (tensor 153.4 TFLOPS with sparsity: 76.7 dense), https://www.nvidia.com/en-us/design-visualization/rtx-a4000/; ${CUDA_GPUS}`,
    skypilot: 'RTXA4000',
    names: ['a4000'],
  },
  {
    vendor: 'nvidia',
    model: 'RTX 5090',
    vramGb: 32,
    bandwidthGBs: 1792,
    fp16Tflops: 209.5,
    fp32Tflops: 104.8,
    computeCapability: '12.0',
    source: `NVIDIA RTX Blackwell GPU architecture whitepaper, appendix (FP16 tensor with FP32 accumulate 209.5 dense; 419 with FP16 accumulate), https://images.nvidia.com/aem-dam/Solutions/geforce/blackwell/nvidia-rtx-blackwell-gpu-architecture.pdf; GeForce RTX 5090 page, https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5090/; ${CUDA_GPUS}`,
    skypilot: 'RTX5090',
    names: ['5090'],
  },
  {
    vendor: 'nvidia',
    model: 'RTX 4090',
    vramGb: 24,
    bandwidthGBs: 1008,
    fp16Tflops: 165.2,
    fp32Tflops: 82.6,
    computeCapability: '8.9',
    source: `${ADA}, appendix (FP16 tensor with FP32 accumulate 165.2 dense; 330.3 with FP16 accumulate); ${CUDA_GPUS}`,
    skypilot: 'RTX4090',
    names: ['4090'],
  },
  {
    vendor: 'nvidia',
    model: 'RTX 3090',
    vramGb: 24,
    bandwidthGBs: 936,
    fp16Tflops: 71,
    fp32Tflops: 35.6,
    computeCapability: '8.6',
    source: `NVIDIA Ampere GA102 GPU architecture whitepaper, appendix (FP16 tensor with FP32 accumulate 71 dense; 142 with FP16 accumulate), https://www.nvidia.com/content/PDF/nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf; ${CUDA_GPUS}`,
    skypilot: 'RTX3090',
    names: ['3090'],
  },
  // ---- AMD -------------------------------------------------------------------------------------------
  {
    vendor: 'amd',
    model: 'MI325X',
    vramGb: 256,
    bandwidthGBs: 6000,
    fp16Tflops: 1307.4,
    fp32Tflops: 81.7,
    computeCapability: null,
    source:
      'AMD Instinct MI325X product page (FP16 1,307.4 TFLOPS dense, 2,614.9 with sparsity; FP32 vector 81.7), https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html',
  },
  {
    vendor: 'amd',
    model: 'MI300X',
    vramGb: 192,
    bandwidthGBs: 5300,
    fp16Tflops: 1307.4,
    fp32Tflops: 81.7,
    computeCapability: null,
    source:
      'AMD Instinct MI300X product page and data sheet (FP16/BF16 1,307.4 TFLOPS dense, 2,614.9 with sparsity; FP32 vector 81.7), https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html',
  },
  {
    vendor: 'amd',
    model: 'MI250X',
    vramGb: 128,
    bandwidthGBs: 3276.8,
    fp16Tflops: 383,
    fp32Tflops: 47.9,
    computeCapability: null,
    source:
      'AMD Instinct MI250X product page (one OAM package of 2 GCDs; FP16/BF16 matrix 383 TFLOPS, FP32 vector 47.9), https://www.amd.com/en/products/accelerators/instinct/mi200/mi250x.html',
  },
  {
    vendor: 'amd',
    model: 'MI250',
    vramGb: 128,
    bandwidthGBs: 3276.8,
    fp16Tflops: 362.1,
    fp32Tflops: 45.3,
    computeCapability: null,
    source:
      'AMD Instinct MI250 product page (FP16/BF16 matrix 362.1 TFLOPS, FP32 vector 45.3), https://www.amd.com/en/products/accelerators/instinct/mi200/mi250.html',
  },
  {
    vendor: 'amd',
    model: 'MI210',
    vramGb: 64,
    bandwidthGBs: 1638.4,
    fp16Tflops: 181,
    fp32Tflops: 22.6,
    computeCapability: null,
    source:
      'AMD Instinct MI210 product page (FP16/BF16 matrix 181 TFLOPS, FP32 vector 22.6), https://www.amd.com/en/products/accelerators/instinct/mi200/mi210.html',
  },
  {
    vendor: 'amd',
    model: 'MI100',
    vramGb: 32,
    bandwidthGBs: 1228.8,
    fp16Tflops: 184.6,
    fp32Tflops: 23.1,
    computeCapability: null,
    source:
      'AMD Instinct MI100 product page and brochure (FP16 matrix 184.6 TFLOPS; BF16 92.3; FP32 vector 23.1), https://www.amd.com/en/products/accelerators/instinct/mi100.html',
  },
  {
    vendor: 'amd',
    model: 'Radeon RX 7900 XTX',
    vramGb: 24,
    bandwidthGBs: 960,
    fp16Tflops: 122.8,
    fp32Tflops: 61.4,
    computeCapability: null,
    source:
      'AMD Radeon RX 7900 XTX product page (peak half precision 122.8 TFLOPS, single precision 61.4), https://www.amd.com/en/products/graphics/desktops/radeon/7000-series/amd-radeon-rx-7900xtx.html',
    names: ['rx-7900-xtx', '7900-xtx'],
  },
  {
    vendor: 'amd',
    model: 'Radeon Pro V520',
    vramGb: 8,
    bandwidthGBs: null,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source:
      'AWS EC2 G4 instances, G4ad (AMD Radeon Pro V520, 8 GB; no rates published), https://aws.amazon.com/ec2/instance-types/g4/',
    names: ['v520', 'pro-v520'],
  },
  {
    vendor: 'amd',
    model: 'Radeon Pro V710',
    vramGb: 28,
    bandwidthGBs: null,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source:
      'Microsoft Azure NVads V710 v5 series (AMD Radeon Pro V710, 28 GB per GPU; no rates published there), https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/gpu-accelerated/nvadsv710-v5-series',
    names: ['v710', 'pro-v710'],
  },
  // ---- Intel -----------------------------------------------------------------------------------------
  {
    vendor: 'intel',
    model: 'Data Center GPU Max 1550',
    vramGb: 128,
    bandwidthGBs: 3276.8,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source:
      'Intel Data Center GPU Max 1550 specifications (128 GB HBM2e, 3.2768 TB/s; no TFLOPS listed), https://ark.intel.com/content/www/us/en/ark/products/232873/intel-data-center-gpu-max-1550.html',
    names: ['gpu-max-1550'],
  },
  {
    vendor: 'intel',
    model: 'Data Center GPU Max 1100',
    vramGb: 48,
    bandwidthGBs: 1228.8,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source:
      'Intel Data Center GPU Max Series product page (Max 1100: 48 GB HBM2e, 1.2288 TB/s; no TFLOPS listed), https://www.intel.com/content/www/us/en/products/details/discrete-gpus/data-center-gpu/max-series.html',
    names: ['gpu-max-1100'],
  },
  {
    vendor: 'intel',
    model: 'Gaudi 2',
    vramGb: 96,
    bandwidthGBs: 2450,
    fp16Tflops: 432,
    fp32Tflops: null,
    computeCapability: null,
    source:
      "Intel Gaudi 2 AI accelerator product page (96 GB HBM2e, 2.45 TB/s; BF16 matrix 432 TFLOPS, as also in Intel's Hot Chips 2024 Gaudi 3 talk), https://habana.ai/products/gaudi2/",
    // hl-smi names the OAM part HL-225 (HL-225B, HL-225H).
    names: ['hl-225', 'hl-225b', 'hl-225h'],
  },
  {
    vendor: 'intel',
    model: 'Gaudi 3',
    vramGb: 128,
    bandwidthGBs: 3700,
    fp16Tflops: 1835,
    fp32Tflops: null,
    computeCapability: null,
    source:
      'Intel Gaudi 3 AI accelerator product page and white paper (128 GB HBM2e, 3.7 TB/s; BF16 matrix 1,835 TFLOPS), https://habana.ai/products/gaudi3/',
    names: ['hl-325l', 'hl-338'],
  },
  // ---- Apple (unified memory: the base configuration) ------------------------------------------------
  {
    vendor: 'apple',
    model: 'M1',
    vramGb: 8,
    bandwidthGBs: null,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `Apple Newsroom "Apple unleashes M1", https://www.apple.com/newsroom/2020/11/apple-unleashes-m1/; ${APPLE_SPECS}; ${APPLE_NOTE}, nor M1's bandwidth`,
  },
  {
    vendor: 'apple',
    model: 'M1 Pro',
    vramGb: 16,
    bandwidthGBs: 200,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `${APPLE_M1_PRO_MAX}; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M1 Max',
    vramGb: 32,
    bandwidthGBs: 400,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `${APPLE_M1_PRO_MAX}; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M1 Ultra',
    vramGb: 64,
    bandwidthGBs: 800,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `Apple Newsroom "Apple unveils M1 Ultra", https://www.apple.com/newsroom/2022/03/apple-unveils-m1-ultra-the-worlds-most-powerful-chip-for-a-personal-computer/; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M2',
    vramGb: 8,
    bandwidthGBs: 100,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `Apple Newsroom "Apple unveils M2", https://www.apple.com/newsroom/2022/06/apple-unveils-m2-with-breakthrough-performance-and-capabilities/; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M2 Pro',
    vramGb: 16,
    bandwidthGBs: 200,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `${APPLE_M2_PRO_MAX}; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M2 Max',
    vramGb: 32,
    bandwidthGBs: 400,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `${APPLE_M2_PRO_MAX}; ${APPLE_SPECS}; ${APPLE_NOTE} (up to 96 GB)`,
  },
  {
    vendor: 'apple',
    model: 'M2 Ultra',
    vramGb: 64,
    bandwidthGBs: 800,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `Apple Newsroom "Apple introduces M2 Ultra", https://www.apple.com/newsroom/2023/06/apple-introduces-m2-ultra/; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M3',
    vramGb: 8,
    bandwidthGBs: 100,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `${APPLE_M3}; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M3 Pro',
    vramGb: 18,
    bandwidthGBs: 150,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `${APPLE_M3}; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M3 Max',
    vramGb: 36,
    bandwidthGBs: 300,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `${APPLE_M3}; ${APPLE_SPECS}; ${APPLE_NOTE} (30-core GPU, 300 GB/s; the 40-core part has 400 GB/s and up to 128 GB)`,
  },
  {
    vendor: 'apple',
    model: 'M3 Ultra',
    vramGb: 96,
    bandwidthGBs: 819,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `Apple Newsroom "Apple reveals M3 Ultra", https://www.apple.com/newsroom/2025/03/apple-reveals-m3-ultra-taking-apple-silicon-to-a-new-extreme/; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M4',
    vramGb: 16,
    bandwidthGBs: 120,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `Apple Newsroom "Apple introduces M4 chip", https://www.apple.com/newsroom/2024/05/apple-introduces-m4-chip/; ${APPLE_SPECS}; ${APPLE_NOTE} (16 GB in every M4 Mac)`,
  },
  {
    vendor: 'apple',
    model: 'M4 Pro',
    vramGb: 24,
    bandwidthGBs: 273,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `${APPLE_M4_PRO_MAX}; ${APPLE_SPECS}; ${APPLE_NOTE}`,
  },
  {
    vendor: 'apple',
    model: 'M4 Max',
    vramGb: 36,
    bandwidthGBs: 410,
    fp16Tflops: null,
    fp32Tflops: null,
    computeCapability: null,
    source: `${APPLE_M4_PRO_MAX}; ${APPLE_SPECS}; ${APPLE_NOTE} (32-core GPU, 410 GB/s; the 40-core part has 546 GB/s and up to 128 GB)`,
  },
];

/**
 * Whole names (lower case, as written) that name one model although their model part alone could be
 * several: GKE's accelerator names, each of which Google's "GPU machine types" document ties to one part
 * (https://cloud.google.com/compute/docs/gpus): A2 Standard's A100 is the 40 GB part, A3 High's and
 * A3 Mega's H100 the SXM part, N1's V100 the 16 GB part.
 */
export const WHOLE_NAMES: Readonly<Record<string, string>> = {
  'nvidia-tesla-a100': 'A100 40GB',
  'nvidia-h100-80gb': 'H100 SXM',
  'nvidia-h100-mega-80gb': 'H100 SXM',
  'nvidia-tesla-v100': 'V100 16GB',
};
